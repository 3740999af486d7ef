import { useEffect, useRef, useState, type FormEvent } from 'react';
import { onKeyRequest, type KeyRequest } from './key-prompt';

/** The modal that asks for an API key when the service answers 401; the key stays in this tab. */
export function KeyDialog() {
  const [request, setRequest] = useState<KeyRequest | null>(null);
  const [key, setKey] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    onKeyRequest(setRequest);
    return () => onKeyRequest(null);
  }, []);
  useEffect(() => {
    const element = dialog.current;
    if (request && element && !element.open) element.showModal();
    if (!request && element?.open) element.close();
  }, [request]);

  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = key.trim();
    // Only spaces is no key: say so, rather than take it as Cancel.
    if (!value) return setInvalid(true);
    setKey('');
    setInvalid(false);
    request?.answer(value);
  };
  const cancel = () => {
    setKey('');
    setInvalid(false);
    request?.answer(null);
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="key-dialog-title" onCancel={cancel}>
      <form onSubmit={submit}>
        <h2 id="key-dialog-title">API key needed</h2>
        <p>{request?.reason}</p>
        <p className="hint">The key is kept for this browser tab only (session storage).</p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? 'api-key-error' : undefined}
          onChange={(event) => setKey(event.target.value)}
        />
        {invalid && (
          <p className="field-error" id="api-key-error">
            Enter the key (not only spaces), or Cancel.
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            Use key
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
