import { useState, type MouseEvent } from 'react';
import { apiKey } from '../api/api-key';
import { call } from '../api/call';
import { api } from '../api/client';
import type { Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';

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

/** Saves `url` under `name` by a link the browser follows itself. */
function save(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
}

/**
 * A link to the archive. A link cannot send Authorization: with a key in this tab, or when the
 * service answers 401 to a probe (reads protected), the archive is fetched with the key flow
 * (the prompt on 401) and saved from a blob URL. That blob holds the whole archive in memory.
 */
export function DownloadLink(props: Props) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const url = downloadUrl(props);
  // The name the service's Content-Disposition gives, for the blob download too.
  const name = `${props.modelName}_${props.modelVersion}_${props.artifactVersion}_model.zip`;

  const download = async () => {
    setProblem(null);
    if (!apiKey.get()) {
      // Without a key the browser streams the file itself, unless the service wants one.
      const probe = await fetch(url, { method: 'HEAD' }).catch(() => null);
      if (probe?.ok) return save(url, name);
    }
    const { modelName, modelVersion, artifactVersion } = props;
    const outcome = await call(() =>
      api.GET(
        '/ai-ml-model-registration/v1/downloadModel/{modelName}/{modelVersion}/{artifactVersion}/model.zip',
        {
          params: { path: { modelName, modelVersion, artifactVersion } },
          parseAs: 'blob',
        },
      ),
    );
    if (!outcome.ok) return setProblem(outcome.problem);
    const blob = URL.createObjectURL(outcome.data);
    save(blob, name);
    setTimeout(() => URL.revokeObjectURL(blob), 10_000);
  };

  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    // A modified click (new tab, save as) stays the browser's.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void download();
  };
  return (
    <>
      <a href={url} download={name} onClick={click}>
        Download {props.artifactVersion}
      </a>
      {problem && <ProblemAlert problem={problem} />}
    </>
  );
}
