import { useId } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The messages problem details gave for this field, shown beside it. */
  errors?: string[];
  required?: boolean;
  readOnly?: boolean;
  hint?: string;
  multiline?: boolean;
  /** The field's API path, for the page's tests and the error mapping (data-field). */
  field?: string;
}

/** A labelled input with its hint and its errors linked by aria-describedby. */
export function TextField({
  label,
  value,
  onChange,
  errors,
  required,
  readOnly,
  hint,
  multiline,
  field,
}: Props) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const props = {
    id,
    value,
    required,
    readOnly,
    'aria-invalid': errors?.length ? true : undefined,
    'aria-describedby': described || undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className="field" data-field={field}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join('; ')}
        </p>
      ) : null}
    </div>
  );
}
