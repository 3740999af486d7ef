import { withKey } from '../auth/key-prompt';
import { problemOf, type Problem } from './problem';

/** What every API call of the console comes back as: the data, or the problem to show. */
export type Outcome<T> = { ok: true; data: T; response: Response } | { ok: false; problem: Problem };

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** fetch's TypeError when nothing answered: Chromium, Firefox, Safari. */
const NETWORK_FAILURE = /failed to fetch|networkerror|load failed/i;

/**
 * One openapi-fetch call with the console's rules: a 401 asks for an API key and retries; a
 * failure (also a network error) becomes problem details; an abort is rethrown.
 */
export async function call<T>(request: () => Promise<FetchResult<T>>): Promise<Outcome<T>> {
  let result: FetchResult<T>;
  try {
    result = await withKey(request, (failed) => problemOf(failed.error, failed.response).detail);
  } catch (error) {
    // An abort is the caller's own doing (it ignores it); only fetch's TypeError means no answer.
    if ((error as Error | undefined)?.name === 'AbortError') throw error;
    if (error instanceof TypeError && NETWORK_FAILURE.test(error.message))
      return { ok: false, problem: problemOf(undefined, undefined) };
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { type: 'about:blank', title: 'Error', status: 0, detail, instance: '' } };
  }
  if (result.response.ok) return { ok: true, data: result.data as T, response: result.response };
  return { ok: false, problem: problemOf(result.error, result.response) };
}
