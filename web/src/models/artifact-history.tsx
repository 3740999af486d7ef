import { DownloadLink } from './download-link';
import { formatBytes, formatDate } from './format';
import type { ArtifactSummary, Model } from './model-types';

/** Every archive of the registration, newest first, each with its download link. */
export function ArtifactHistory({ model, artifacts }: { model: Model; artifacts: ArtifactSummary[] }) {
  if (artifacts.length === 0) return <p className="empty">No archive uploaded yet.</p>;
  return (
    <table className="artifacts">
      <caption className="visually-hidden">Archive history, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Size</th>
          <th scope="col">SHA-256</th>
          <th scope="col">Uploaded</th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody>
        {artifacts.map((artifact) => (
          <tr key={artifact.artifactVersion}>
            <td>{artifact.artifactVersion}</td>
            <td title={`${artifact.sizeBytes} bytes`}>{formatBytes(artifact.sizeBytes)}</td>
            <td className="hash">
              <code>{artifact.sha256 ?? (artifact.source === 'pipeline' ? 'pipeline archive' : '')}</code>
            </td>
            <td>{formatDate(artifact.createdAt)}</td>
            <td>
              <DownloadLink
                modelName={model.modelId.modelName}
                modelVersion={model.modelId.modelVersion}
                artifactVersion={artifact.artifactVersion}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
