import { useEffect, useRef, useState, type FormEvent } from 'react';
import { problemOf, type Problem } from '../api/problem';
import { withKey } from '../auth/key-prompt';
import { ProblemAlert } from '../components/problem-alert';
import { formatBytes } from './format';
import { uploadArchive, type UploadProgress } from './upload-request';

interface Props {
  modelName: string;
  modelVersion: string;
  onUploaded: (artifactVersion: string) => void;
}

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; progress: UploadProgress }
  | { phase: 'done'; message: string }
  | { phase: 'cancelled' }
  | { phase: 'failed'; problem: Problem };

const percent = ({ loaded, total }: UploadProgress) => (total ? Math.floor((loaded / total) * 100) : 0);

/**
 * The live region's text: it changes only at the start and at each quarter (the progress bar has
 * the rest), so a screen reader is not flooded with an announcement per progress event.
 */
function uploadingText(progress: UploadProgress): string {
  const step = Math.floor(percent(progress) / 25) * 25;
  const loaded = Math.min(progress.total, Math.round((progress.total * step) / 100));
  return `Uploading: ${step} % (${formatBytes(loaded)} of ${formatBytes(progress.total)})`;
}

/** Picks a .zip and uploads it as the next artifact version, with a progress bar and Cancel. */
export function ArchiveUpload({ modelName, modelVersion, onUploaded }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops the upload (it would otherwise go on unseen).
  useEffect(() => () => abort.current?.abort(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'uploading', progress: { loaded: 0, total: file.size } });
    try {
      const result = await withKey(
        async () => {
          const answer = await uploadArchive(
            modelName,
            modelVersion,
            file,
            (progress) => setState({ phase: 'uploading', progress }),
            controller.signal,
          );
          return { ...answer, response: { status: answer.status } as Response };
        },
        (failed) => problemOf(failed.body, failed.response).detail,
      );
      if (result.status === 200) {
        const { modelinfo } = result.body as { modelinfo: { modelId: { artifactVersion: string } } };
        const version = modelinfo.modelId.artifactVersion;
        setState({ phase: 'done', message: `Uploaded ${file.name} as artifact version ${version}.` });
        onUploaded(version);
      } else {
        setState({ phase: 'failed', problem: problemOf(result.body, { status: result.status } as Response) });
      }
    } catch (error) {
      if ((error as Error).name === 'AbortError') setState({ phase: 'cancelled' });
      else setState({ phase: 'failed', problem: problemOf(undefined, undefined) });
    } finally {
      abort.current = null;
    }
  };

  const uploading = state.phase === 'uploading';
  return (
    <form className="upload" onSubmit={(event) => void submit(event)} aria-labelledby="upload-title">
      <h3 id="upload-title">Upload an archive</h3>
      <div className="field">
        <label htmlFor="archive-file">Archive (.zip)</label>
        <input
          id="archive-file"
          type="file"
          accept=".zip,application/zip"
          disabled={uploading}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={!file || uploading}>
          Upload
        </button>
        {uploading && (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel upload
          </button>
        )}
      </div>
      {uploading && (
        <div className="progress">
          <label htmlFor="upload-progress">Upload progress</label>
          <progress id="upload-progress" max={100} value={percent(state.progress)} />
        </div>
      )}
      <p className="upload-status" role="status" aria-live="polite">
        {uploading && uploadingText(state.progress)}
        {state.phase === 'done' && state.message}
        {state.phase === 'cancelled' && 'Upload cancelled.'}
      </p>
      {state.phase === 'failed' && <ProblemAlert problem={state.problem} />}
    </form>
  );
}
