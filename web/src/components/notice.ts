import { useSyncExternalStore } from 'react';

let notice = { text: '', hash: '' };
const listeners = new Set<() => void>();

/**
 * A one-line message for the page a change leads to ("Deleted …" on the list): shown while that
 * page is the current one, gone after the next navigation elsewhere.
 */
export function notify(text: string, hash: string): void {
  notice = { text, hash };
  listeners.forEach((listener) => listener());
}

/** The notice for the page at `hash`, or '' when it was left for another one. */
export function useNotice(hash: string): string {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notice,
  );
  return current.hash === hash ? current.text : '';
}
