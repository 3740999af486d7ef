import { call } from '../api/call';
import { api } from '../api/client';
import { notify } from '../components/notice';
import { href, navigate } from '../routing/route';
import { ModelForm } from './model-form';
import { EMPTY_FORM } from './model-form-state';

/** POST model-registrations, then the new registration's page. */
export function RegisterPage() {
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Register a model</h1>
      <ModelForm
        initial={EMPTY_FORM}
        editing={false}
        submitLabel="Register"
        onSubmit={async (body) => {
          const outcome = await call(() =>
            api.POST('/ai-ml-model-registration/v1/model-registrations', { body }),
          );
          if (!outcome.ok) return outcome.problem;
          const { modelId, id } = outcome.data.modelInfo;
          notify(`Registered model ${modelId.modelName} version ${modelId.modelVersion}.`, href.model(id));
          navigate(href.model(id));
          return null;
        }}
      />
    </section>
  );
}
