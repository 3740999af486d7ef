import { apiKey } from '../api/api-key';

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

export interface UploadResult {
  readonly status: number;
  /** The parsed JSON answer (problem details on failure), or null. */
  readonly body: unknown;
}

/**
 * POST uploadModel/{name}/{version} as multipart (the `file` part) with XMLHttpRequest: fetch
 * reports no upload progress. `signal` aborts it; the promise then rejects with an AbortError.
 */
export function uploadArchive(
  modelName: string,
  modelVersion: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url =
      `/ai-ml-model-registration/v1/uploadModel/${encodeURIComponent(modelName)}/` +
      encodeURIComponent(modelVersion);
    xhr.open('POST', url);
    const key = apiKey.get();
    if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.total || file.size });
    xhr.onload = () => {
      resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    };
    xhr.onerror = () => reject(new Error('The upload failed: the service did not answer'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
