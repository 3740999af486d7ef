import { useId } from 'react';
import { TextField } from '../components/text-field';
import type { TargetEnvironment } from './model-types';
import { useFocusAfterRemove } from './use-focus-after-remove';
import { EMPTY_ENVIRONMENT, environmentEffect, type ModelFormState } from './model-form-state';

interface Props {
  form: ModelFormState;
  onChange: (form: ModelFormState) => void;
  editing: boolean;
  /** The environments stored (on edit). */
  stored: readonly TargetEnvironment[];
  errorsOf: (field: string) => string[] | undefined;
}

const PATH = 'modelInformation.targetEnvironment';
/** An environment's fields, in the contract's order, with the label each input has. */
const ENVIRONMENT_FIELDS: ReadonlyArray<readonly [keyof TargetEnvironment, string]> = [
  ['platformName', 'Platform'],
  ['environmentType', 'Environment type'],
  ['dependencyList', 'Dependencies'],
];

/** The target environments; on edit, first the choice the PUT makes: keep the stored list or replace it. */
export function EnvironmentEditor({ form, onChange, editing, stored, errorsOf }: Props) {
  const editable = !editing || form.environmentMode === 'replace';
  const setEnvironment = (index: number, key: keyof typeof EMPTY_ENVIRONMENT, value: string) =>
    onChange({
      ...form,
      environments: form.environments.map((environment, i) =>
        i === index ? { ...environment, [key]: value } : environment,
      ),
    });
  const listErrors = errorsOf(PATH);
  const listErrorId = useId();
  const focus = useFocusAfterRemove('.environment', 'Add an environment');
  return (
    <fieldset
      ref={focus.container}
      className="environments"
      aria-describedby={listErrors ? listErrorId : undefined}
    >
      <legend>Target environments</legend>
      {editing && (
        <div className="choice" role="radiogroup" aria-label="What to do with the stored list">
          <label>
            <input
              type="radio"
              name="environment-mode"
              checked={form.environmentMode === 'keep'}
              onChange={() => onChange({ ...form, environmentMode: 'keep' })}
            />
            Keep the stored list
          </label>
          <label>
            <input
              type="radio"
              name="environment-mode"
              checked={form.environmentMode === 'replace'}
              onChange={() => onChange({ ...form, environmentMode: 'replace' })}
            />
            Replace it with the list below (an empty list clears it)
          </label>
        </div>
      )}
      {editing && (
        <p className="effect" aria-live="polite">
          {environmentEffect(form, stored.length)}
        </p>
      )}
      {!editable && stored.length > 0 && (
        <ul className="stored" aria-label="Stored environments">
          {stored.map((environment, index) => (
            <li key={index}>
              {environment.platformName} · {environment.environmentType} · {environment.dependencyList}
            </li>
          ))}
        </ul>
      )}
      {listErrors && (
        <p className="field-error" id={listErrorId}>
          {listErrors.join('; ')}
        </p>
      )}
      {editable && form.environments.length === 0 && <p className="hint">No target environment.</p>}
      {editable &&
        form.environments.map((environment, index) => (
          <div className="environment" key={index} role="group" aria-label={`Environment ${index + 1}`}>
            {ENVIRONMENT_FIELDS.map(([name, label]) => (
              <TextField
                key={name}
                label={`${label} ${index + 1}`}
                field={`${PATH}.${index}.${name}`}
                value={environment[name]}
                onChange={(value) => setEnvironment(index, name, value)}
                errors={errorsOf(`${PATH}.${index}.${name}`)}
              />
            ))}
            <button
              type="button"
              className="remove"
              onClick={() => {
                focus.removed(index);
                onChange({ ...form, environments: form.environments.filter((_, i) => i !== index) });
              }}
            >
              Remove environment {index + 1}
            </button>
          </div>
        ))}
      {editable && (
        <button
          type="button"
          onClick={() =>
            onChange({ ...form, environments: [...form.environments, { ...EMPTY_ENVIRONMENT }] })
          }
        >
          Add an environment
        </button>
      )}
    </fieldset>
  );
}
