// Small numeric helpers for the benchmark figures.

export const round2 = (x) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;

/** a / b rounded to 2 decimals, or null when either is missing (e.g. no Go peer) or b is 0. */
export const ratio = (a, b) =>
  typeof a === 'number' && typeof b === 'number' && b !== 0 ? round2(a / b) : null;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A figure for a table cell: fixed decimals, or "–" when missing. */
export const fix = (x, digits) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action`; resolves to the seconds it took. */
export async function timed(action) {
  const started = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - started) / 1e9;
}
