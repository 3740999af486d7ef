/** Deepest nesting of objects and arrays a JSON value may have (a registration needs 4). */
export const MAX_JSON_DEPTH = 32;

/**
 * class-transformer silently drops these keys (and the names of Object.prototype's methods, which an
 * instance already has): reject them like any other unknown field. Custom metadata keys, which are
 * stored, would otherwise vanish without a word.
 */
const PROTOTYPE_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** Values already walked (JSON bodies, right after parsing): the validation pipe does not walk them again. */
const INSPECTED = new WeakSet<object>();

const BAD_PROPERTY_NAME = 'property names must be valid Unicode text without NUL characters';

interface Container {
  readonly value: object;
  readonly path: string;
  readonly depth: number;
}

/**
 * What no field may carry, found in one iterative walk (no recursion: any depth is safe): nesting
 * deeper than {@link MAX_JSON_DEPTH}, prototype keys, NUL characters (PostgreSQL text cannot hold
 * them) and lone surrogates (not Unicode text: they would be stored as U+FFFD). Returns a detail
 * naming the field by its path, or undefined.
 */
export function findUnsafeContent(value: unknown, rootPath = ''): string | undefined {
  if (typeof value === 'string') return unsafeText(value, rootPath || 'value');
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Container[] = [{ value, path: rootPath, depth: 1 }];
  for (let container = stack.pop(); container; container = stack.pop()) {
    if (container.depth > MAX_JSON_DEPTH) {
      return `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`;
    }
    const fields = container.value as Record<string, unknown>;
    const isArray = Array.isArray(fields);
    for (const key of Object.keys(fields)) {
      const field = fields[key];
      if (!isArray) {
        if (PROTOTYPE_KEYS.has(key)) return `${join(container.path, key)}: property should not exist`;
        // Not echoed: the name itself is what cannot be shown.
        if (unsafeText(key, '')) return `${container.path || 'body'}: ${BAD_PROPERTY_NAME}`;
      }
      if (typeof field === 'string') {
        const bad = unsafeText(field, join(container.path, key));
        if (bad) return bad;
      } else if (typeof field === 'object' && field !== null) {
        stack.push({ value: field, path: join(container.path, key), depth: container.depth + 1 });
      }
    }
  }
  return undefined;
}

/** {@link findUnsafeContent} for a parsed JSON body, remembered so that it is walked once. */
export function findUnsafeJsonBody(body: unknown): string | undefined {
  const problem = findUnsafeContent(body);
  if (!problem && typeof body === 'object' && body !== null) INSPECTED.add(body);
  return problem;
}

export function wasInspected(value: unknown): boolean {
  return typeof value === 'object' && value !== null && INSPECTED.has(value);
}

function unsafeText(text: string, path: string): string | undefined {
  if (text.includes('\u0000')) return `${path}: must not contain NUL characters`;
  if (!(text as WellFormedCheck).isWellFormed()) {
    return `${path}: must be valid Unicode text (no lone surrogates)`;
  }
  return undefined;
}

/** ES2024; Node ≥ 20 has it, the compiler's ES2023 library does not declare it. */
type WellFormedCheck = string & { isWellFormed(): boolean };

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
