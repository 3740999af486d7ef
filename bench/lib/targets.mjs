// Targets the output makes checkable: each one PASS or MISS against its limit, or SKIP (with the
// reason) when a figure it needs is missing, e.g. without the Go peer.

/**
 * `op` is '<=', '<' or '>='; `value` a number or null; `skip` why it cannot be judged (overrides).
 * Returns { name, value, op, limit, unit, verdict, why? }.
 */
export function target(name, value, op, limit, { unit = '', skip } = {}) {
  const judged = typeof value === 'number' && Number.isFinite(value);
  let verdict;
  if (skip || !judged) verdict = 'SKIP';
  else if (op === '<=') verdict = value <= limit ? 'PASS' : 'MISS';
  else if (op === '<') verdict = value < limit ? 'PASS' : 'MISS';
  else if (op === '>=') verdict = value >= limit ? 'PASS' : 'MISS';
  else throw new Error(`unknown operator ${op}`);
  const out = { name, value: judged ? value : null, op, limit, unit, verdict };
  if (verdict === 'SKIP') out.why = skip ?? 'not measured';
  return out;
}

const OPS = { '<=': '≤', '<': '<', '>=': '≥' };

/** A limit as the targets are written: 1.0×, 0.8×, 100 MiB. */
export const limitNumber = (limit, unit) =>
  unit === '×' && Number.isInteger(limit) ? limit.toFixed(1) : String(limit);

/** "≤ 0.8×" style limit text. */
export const limitText = (t) => `${OPS[t.op]} ${limitNumber(t.limit, t.unit)}${t.unit}`;

/** The cell of a PASS/MISS column. */
export const verdictCell = (t) => (t ? t.verdict : '');

export function printTargets(targets) {
  const width = Math.max(...targets.map((t) => t.name.length));
  for (const t of targets) {
    const value =
      t.value === null ? '–' : `${t.value.toFixed(t.unit === '×' ? 2 : t.unit === ' MiB' ? 1 : 0)}${t.unit}`;
    console.log(
      `  ${t.verdict.padEnd(4)}  ${t.name.padEnd(width)}  ${value.padStart(10)}  (target ${limitText(t)})${t.why ? `  — ${t.why}` : ''}`,
    );
  }
  const count = (verdict) => targets.filter((t) => t.verdict === verdict).length;
  console.log(`  ${count('PASS')} PASS, ${count('MISS')} MISS, ${count('SKIP')} SKIP`);
}
