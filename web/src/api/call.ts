import { withKey } from '../auth/key-prompt';
import { problemOf, type Problem } from './problem';

/** What every API call of the console comes back as: the data, or the problem to show. */
export type Outcome<T> = { ok: true; data: T; response: Response } | { ok: false; problem: Problem };

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * One openapi-fetch call with the console's rules: a 401 asks for an API key and retries; a
 * failure (also a network error) becomes problem details.
 */
export async function call<T>(request: () => Promise<FetchResult<T>>): Promise<Outcome<T>> {
  let result: FetchResult<T>;
  try {
    result = await withKey(request, (failed) => problemOf(failed.error, failed.response).detail);
  } catch {
    return { ok: false, problem: problemOf(undefined, undefined) };
  }
  if (result.response.ok) return { ok: true, data: result.data as T, response: result.response };
  return { ok: false, problem: problemOf(result.error, result.response) };
}
