import type { MouseEvent } from 'react';
import { apiKey } from '../api/api-key';

interface Props {
  modelName: string;
  modelVersion: string;
  artifactVersion: string;
}

export function downloadUrl({ modelName, modelVersion, artifactVersion }: Props): string {
  return (
    '/ai-ml-model-registration/v1/downloadModel/' +
    [modelName, modelVersion, artifactVersion].map(encodeURIComponent).join('/') +
    '/model.zip'
  );
}

/**
 * A plain link to the archive; with an API key in this tab it is fetched with the key instead
 * (a link cannot send Authorization) and saved from a blob URL.
 */
export function DownloadLink(props: Props) {
  const url = downloadUrl(props);
  // The name the service's Content-Disposition gives, for the blob download too.
  const name = `${props.modelName}_${props.modelVersion}_${props.artifactVersion}_model.zip`;
  const click = async (event: MouseEvent<HTMLAnchorElement>) => {
    const key = apiKey.get();
    if (!key) return;
    event.preventDefault();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
    if (!response.ok) return;
    const blob = URL.createObjectURL(await response.blob());
    const anchor = document.createElement('a');
    anchor.href = blob;
    anchor.download = name;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(blob), 10_000);
  };
  return (
    <a href={url} download={name} onClick={(event) => void click(event)}>
      Download {props.artifactVersion}
    </a>
  );
}
