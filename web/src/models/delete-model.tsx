import { useRef, useState } from 'react';
import { call } from '../api/call';
import { api } from '../api/client';
import type { Problem } from '../api/problem';
import { notify } from '../components/notice';
import { ProblemAlert } from '../components/problem-alert';
import { href, navigate } from '../routing/route';
import type { Model } from './model-types';

/** Delete, after a confirmation dialog naming what goes (the registration and its archives). */
export function DeleteModel({ model }: { model: Model }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const label = `${model.modelId.modelName} version ${model.modelId.modelVersion}`;

  const confirm = async () => {
    const outcome = await call(() =>
      api.DELETE('/ai-ml-model-registration/v1/model-registrations/{id}', {
        params: { path: { id: model.id } },
      }),
    );
    dialog.current?.close();
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    notify(`Deleted model ${label}.`, href.models);
    navigate(href.models);
  };

  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => {
          dialog.current?.showModal();
          // The safe choice has the focus (React's autoFocus does not survive showModal).
          keep.current?.focus();
        }}
      >
        Delete
      </button>
      {problem && <ProblemAlert problem={problem} />}
      <dialog ref={dialog} className="dialog" aria-labelledby="delete-title" aria-describedby="delete-text">
        <h2 id="delete-title">Delete model {label}?</h2>
        <p id="delete-text">The registration and all its archives are deleted. This cannot be undone.</p>
        <div className="actions">
          <button type="button" className="danger" onClick={() => void confirm()}>
            Delete {label}
          </button>
          <button type="button" ref={keep} onClick={() => dialog.current?.close()}>
            Keep it
          </button>
        </div>
      </dialog>
    </>
  );
}
