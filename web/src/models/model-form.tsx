import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fieldErrors, type Problem } from '../api/problem';
import { ProblemAlert } from '../components/problem-alert';
import { TextField } from '../components/text-field';
import { EnvironmentEditor } from './environment-editor';
import { MetadataEditor } from './metadata-editor';
import { bodyOf, type ModelFormState } from './model-form-state';
import type { Registration, TargetEnvironment } from './model-types';

interface Props {
  initial: ModelFormState;
  editing: boolean;
  /** On edit: the stored target environments. */
  stored?: readonly TargetEnvironment[];
  submitLabel: string;
  /** Sends the body; resolves with the problem to show, or null when done. */
  onSubmit: (body: Registration) => Promise<Problem | null>;
}

type TextKey = Exclude<keyof ModelFormState, 'environments' | 'environmentMode' | 'metadata'>;

const FIELDS: { key: TextKey; path: string; label: string; required?: boolean; multiline?: boolean }[] = [
  { key: 'modelName', path: 'modelId.modelName', label: 'Model name', required: true },
  { key: 'modelVersion', path: 'modelId.modelVersion', label: 'Model version', required: true },
  { key: 'description', path: 'description', label: 'Description', required: true, multiline: true },
  { key: 'author', path: 'modelInformation.metadata.author', label: 'Author', required: true },
  { key: 'owner', path: 'modelInformation.metadata.owner', label: 'Owner' },
  { key: 'inputDataType', path: 'modelInformation.inputDataType', label: 'Input data type', required: true },
  {
    key: 'outputDataType',
    path: 'modelInformation.outputDataType',
    label: 'Output data type',
    required: true,
  },
  { key: 'modelLocation', path: 'modelLocation', label: 'Model location' },
];

/** The fields this form shows, by API path: a problem naming another goes to the form's top. */
function shownFields(form: ModelFormState): Set<string> {
  const paths = new Set(FIELDS.map((field) => field.path));
  paths.add('modelInformation.targetEnvironment');
  form.environments.forEach((_, index) => {
    for (const key of ['platformName', 'environmentType', 'dependencyList'])
      paths.add(`modelInformation.targetEnvironment.${index}.${key}`);
  });
  for (const { key } of form.metadata) if (key) paths.add(`modelInformation.metadata.${key}`);
  return paths;
}

/** Register and edit: every field of a registration, problem details beside the fields they name. */
export function ModelForm({ initial, editing, stored = [], submitLabel, onSubmit }: Props) {
  const [form, setForm] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // After a 400, the first field it marks takes the focus (its message is read with it).
  useEffect(() => {
    if (problem) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problem]);

  const errors = problem ? fieldErrors(problem) : new Map<string, string[]>();
  const shown = shownFields(form);
  const elsewhere = [...errors].filter(([field]) => !shown.has(field)).flatMap(([, messages]) => messages);
  const errorsOf = (field: string) => (shown.has(field) ? errors.get(field) : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await onSubmit(bodyOf(form, editing));
    setBusy(false);
    setProblem(result);
  };

  return (
    <form ref={formRef} className="model-form" onSubmit={(event) => void submit(event)} noValidate>
      {problem && elsewhere.length > 0 && <ProblemAlert problem={problem} messages={elsewhere} />}
      {problem && elsewhere.length === 0 && (
        <p className="problem" role="alert">
          <strong>{problem.title}</strong>: see the fields marked below.
        </p>
      )}
      <div className="grid">
        {FIELDS.map(({ key, path, label, required, multiline }) => {
          // The key of a registration: an edit cannot change it.
          const fixed = editing && (key === 'modelName' || key === 'modelVersion');
          return (
            <TextField
              key={key}
              field={path}
              label={label}
              required={required}
              multiline={multiline}
              readOnly={fixed}
              hint={fixed ? 'Cannot change' : undefined}
              value={form[key]}
              onChange={(value) => setForm({ ...form, [key]: value })}
              errors={errors.get(path)}
            />
          );
        })}
      </div>
      <EnvironmentEditor
        form={form}
        onChange={setForm}
        editing={editing}
        stored={stored}
        errorsOf={errorsOf}
      />
      <MetadataEditor form={form} onChange={setForm} errorsOf={errorsOf} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
