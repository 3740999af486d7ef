import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The options V8's `gc` extension takes. */
export interface GcOptions {
  readonly type: 'minor' | 'major';
  readonly execution?: 'sync' | 'async';
  /** `last-resort`: collect until nothing more is freed, then shrink the heap and return its free pages. */
  readonly flavor?: 'regular' | 'last-resort';
}

export type Gc = (options: GcOptions) => void;

/**
 * V8's `gc`, from a context created while --expose-gc is set (as jest-leak-detector takes it), so
 * that neither the deployment's NODE_OPTIONS nor this process's global scope has to expose it.
 */
export const v8Gc: Gc | undefined = (() => {
  const exposed = (globalThis as { gc?: Gc }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc | undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
})();
