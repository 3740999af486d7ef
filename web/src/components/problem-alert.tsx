import type { Problem } from '../api/problem';

/** A problem that names no field: at the top of the page or form, announced to screen readers. */
export function ProblemAlert({ problem, messages }: { problem: Problem; messages?: string[] }) {
  return (
    <div className="problem" role="alert">
      <strong>{problem.title}</strong>
      {(messages ?? [problem.detail]).map((message, index) => (
        // The index: two fields may give the same message.
        <p key={index}>{message}</p>
      ))}
    </div>
  );
}
