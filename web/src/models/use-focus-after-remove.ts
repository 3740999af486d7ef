import { useLayoutEffect, useRef } from 'react';

/**
 * After a row's Remove button (which disappears with its row), the focus goes to the row now in
 * its place (its first field), or to the list's Add button when it was the last: not to <body>.
 */
export function useFocusAfterRemove(rowSelector: string, addLabel: string) {
  const container = useRef<HTMLFieldSetElement>(null);
  const pending = useRef<number | null>(null);
  useLayoutEffect(() => {
    const index = pending.current;
    const element = container.current;
    if (index === null || !element) return;
    pending.current = null;
    const row = element.querySelectorAll(rowSelector)[index];
    const add = [...element.querySelectorAll('button')].find((button) => button.textContent === addLabel);
    (row?.querySelector<HTMLElement>('input, textarea') ?? add)?.focus();
  });
  return { container, removed: (index: number) => (pending.current = index) };
}
