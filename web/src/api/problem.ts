import type { components } from './schema';

export type Problem = components['schemas']['ProblemDetailsDto'];

/** Whether an error body is RFC 9457 problem details. */
export function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'title' in body && 'status' in body;
}

/** A failure that is not problem details (the network, a proxy's page): shown the same way. */
export function problemOf(body: unknown, response: Response | undefined): Problem {
  if (isProblem(body)) return body;
  const status = response?.status ?? 0;
  return {
    type: 'about:blank',
    title: status ? `HTTP ${status}` : 'Network error',
    status,
    detail: status ? (response?.statusText ?? '') : 'The service did not answer',
    instance: '',
  };
}

/**
 * The fields a 400's detail names: the validation pipe joins `path: message` with "; "
 * (e.g. `modelInformation.targetEnvironment.1.environmentType: environmentType should not be empty`).
 * Messages without a field path are under "".
 */
export function fieldErrors(problem: Problem): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const part of problem.detail.split('; ')) {
    // A custom metadata key may be anything (a refused one is the message's subject): up to ": ".
    const match = /^(modelInformation\.metadata\..+?|[A-Za-z][\w-]*(?:\.[\w-]+)*): (.+)$/.exec(part);
    const field = problem.status === 400 && match ? match[1] : '';
    const message = problem.status === 400 && match ? match[2] : part;
    errors.set(field, [...(errors.get(field) ?? []), message]);
  }
  return errors;
}
