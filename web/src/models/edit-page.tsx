import { call } from '../api/call';
import { api } from '../api/client';
import { notify } from '../components/notice';
import { ProblemAlert } from '../components/problem-alert';
import { href, navigate } from '../routing/route';
import { ModelForm } from './model-form';
import { formOf } from './model-form-state';
import { useModel } from './use-model';

/** PUT model-registrations/{id}: a full replacement of the stored fields. */
export function EditPage({ id }: { id: string }) {
  const { model, problem } = useModel(id);
  return (
    <section aria-labelledby="edit-title">
      <h1 id="edit-title">
        Edit {model ? `${model.modelId.modelName} version ${model.modelId.modelVersion}` : 'model'}
      </h1>
      <p className="hint">
        Saving replaces every field: an empty optional field is stored empty.{' '}
        <a href={href.model(id)}>Back to the model</a>
      </p>
      {problem && <ProblemAlert problem={problem} />}
      {model && (
        <ModelForm
          initial={formOf(model)}
          editing
          stored={model.modelInformation.targetEnvironment}
          submitLabel="Save changes"
          onSubmit={async (body) => {
            const outcome = await call(() =>
              api.PUT('/ai-ml-model-registration/v1/model-registrations/{id}', {
                params: { path: { id } },
                body,
              }),
            );
            if (!outcome.ok) return outcome.problem;
            notify(
              `Saved model ${model.modelId.modelName} version ${model.modelId.modelVersion}.`,
              href.model(id),
            );
            navigate(href.model(id));
            return null;
          }}
        />
      )}
    </section>
  );
}
