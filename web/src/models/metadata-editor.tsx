import { TextField } from '../components/text-field';
import type { ModelFormState } from './model-form-state';
import { useFocusAfterRemove } from './use-focus-after-remove';

interface Props {
  form: ModelFormState;
  onChange: (form: ModelFormState) => void;
  errorsOf: (field: string) => string[] | undefined;
}

const PATH = 'modelInformation.metadata';

/** A key's pattern error ("the key … must match …") is about the Key field, the rest about its value. */
function splitErrors(errors: string[] | undefined) {
  const keyErrors = errors?.filter((message) => message.startsWith('the key '));
  const valueErrors = errors?.filter((message) => !message.startsWith('the key '));
  return {
    keyErrors: keyErrors?.length ? keyErrors : undefined,
    valueErrors: valueErrors?.length ? valueErrors : undefined,
  };
}

/** Custom metadata: keys beside author and owner (a PUT replaces them all). */
export function MetadataEditor({ form, onChange, errorsOf }: Props) {
  const set = (index: number, entry: { key?: string; value?: string }) =>
    onChange({
      ...form,
      metadata: form.metadata.map((old, i) => (i === index ? { ...old, ...entry } : old)),
    });
  const focus = useFocusAfterRemove('.environment', 'Add a key');
  return (
    <fieldset ref={focus.container} className="metadata">
      <legend>Custom metadata</legend>
      {form.metadata.length === 0 && <p className="hint">No custom key.</p>}
      {form.metadata.map((entry, index) => {
        const { keyErrors, valueErrors } = splitErrors(
          entry.key ? errorsOf(`${PATH}.${entry.key}`) : undefined,
        );
        return (
          <div className="environment" key={index} role="group" aria-label={`Metadata ${index + 1}`}>
            <TextField
              label={`Key ${index + 1}`}
              value={entry.key}
              onChange={(key) => set(index, { key })}
              errors={keyErrors}
            />
            <TextField
              label={`Value ${index + 1}`}
              field={`${PATH}.${entry.key}`}
              value={entry.value}
              onChange={(value) => set(index, { value })}
              errors={valueErrors}
            />
            <button
              type="button"
              className="remove"
              onClick={() => {
                focus.removed(index);
                onChange({ ...form, metadata: form.metadata.filter((_, i) => i !== index) });
              }}
            >
              Remove key {index + 1}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange({ ...form, metadata: [...form.metadata, { key: '', value: '' }] })}
      >
        Add a key
      </button>
    </fieldset>
  );
}
