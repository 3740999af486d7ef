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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = key.trim();
    setKey('');
    request?.answer(value || null);
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="key-dialog-title"
      onCancel={() => request?.answer(null)}
    >
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
          onChange={(event) => setKey(event.target.value)}
        />
        <div className="actions">
          <button type="submit" className="primary">
            Use key
          </button>
          <button type="button" onClick={() => request?.answer(null)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
