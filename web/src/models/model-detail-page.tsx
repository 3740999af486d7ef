import { ProblemAlert } from '../components/problem-alert';
import { href } from '../routing/route';
import { ArchiveUpload } from './archive-upload';
import { ArtifactHistory } from './artifact-history';
import { DeleteModel } from './delete-model';
import { customMetadata } from './custom-metadata';
import { useModel } from './use-model';

/** Every field of one registration, its environments, custom metadata and archives. */
export function ModelDetailPage({ id }: { id: string }) {
  const { model, artifacts, problem, reload } = useModel(id);
  if (!model)
    return (
      <section aria-labelledby="model-title">
        <h1 id="model-title">Model</h1>
        {problem && <ProblemAlert problem={problem} />}
        <p>
          <a href={href.models}>Back to the list</a>
        </p>
      </section>
    );
  const { modelId, modelInformation } = model;
  const custom = customMetadata(model);
  const fields: [string, string][] = [
    ['Name', modelId.modelName],
    ['Version', modelId.modelVersion],
    ['Artifact version', modelId.artifactVersion],
    ['Description', model.description],
    ['Author', modelInformation.metadata.author],
    ['Owner', modelInformation.metadata.owner],
    ['Input data type', modelInformation.inputDataType],
    ['Output data type', modelInformation.outputDataType],
    ['Model location', model.modelLocation],
    ['Id', model.id],
  ];
  return (
    <article aria-labelledby="model-title">
      <p className="crumbs">
        <a href={href.models}>Models</a>
      </p>
      <div className="page-head">
        <h1 id="model-title">
          {modelId.modelName} <span className="version">version {modelId.modelVersion}</span>
        </h1>
        <div className="actions">
          <a className="button" href={href.edit(model.id)}>
            Edit
          </a>
          <DeleteModel model={model} />
        </div>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      <section aria-labelledby="fields-title">
        <h2 id="fields-title">Registration</h2>
        <dl className="fields">
          {fields.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value || <span className="none">none</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="environments-title">
        <h2 id="environments-title">Target environments</h2>
        {modelInformation.targetEnvironment.length === 0 ? (
          <p className="empty">No target environment.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Environment type</th>
                <th scope="col">Dependencies</th>
              </tr>
            </thead>
            <tbody>
              {modelInformation.targetEnvironment.map((environment, index) => (
                <tr key={index}>
                  <td>{environment.platformName}</td>
                  <td>{environment.environmentType}</td>
                  <td>{environment.dependencyList}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="metadata-title">
        <h2 id="metadata-title">Custom metadata</h2>
        {custom.length === 0 ? (
          <p className="empty">No custom metadata.</p>
        ) : (
          <dl className="fields">
            {custom.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="archives-title">
        <h2 id="archives-title">Archives</h2>
        <ArtifactHistory model={model} artifacts={artifacts} />
        <ArchiveUpload
          modelName={modelId.modelName}
          modelVersion={modelId.modelVersion}
          onUploaded={() => void reload()}
        />
      </section>
    </article>
  );
}
