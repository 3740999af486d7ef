import { apiKey } from '../api/api-key';

/** What the key dialog shows: why a key is asked for, and how to answer. */
export interface KeyRequest {
  readonly reason: string;
  readonly answer: (key: string | null) => void;
}

type Listener = (request: KeyRequest | null) => void;
let listener: Listener | null = null;
let pending: Promise<boolean> | null = null;

/** The dialog registers here; requests that get a 401 wait on it. */
export function onKeyRequest(next: Listener | null): void {
  listener = next;
}

/**
 * Asks the person for an API key (one dialog for every request waiting at once). True when a key
 * was given (kept in sessionStorage, then the caller retries), false when they cancelled.
 */
export function askForKey(reason: string): Promise<boolean> {
  if (!listener) return Promise.resolve(false);
  const show = listener;
  pending ??= new Promise<boolean>((resolve) => {
    show({
      reason,
      answer: (key) => {
        pending = null;
        show(null);
        if (key) apiKey.set(key);
        resolve(Boolean(key));
      },
    });
  });
  return pending;
}

/** Runs `call`, and again with a key each time the service answers 401 and the person gives one. */
export async function withKey<T extends { response?: Response }>(
  call: () => Promise<T>,
  detailOf: (result: T) => Promise<string> | string = () => 'This operation needs an API key',
): Promise<T> {
  for (;;) {
    const result = await call();
    if (result.response?.status !== 401) return result;
    // The stored key (if any) was refused: not sent again by later requests.
    apiKey.clear();
    if (!(await askForKey(await detailOf(result)))) return result;
  }
}
