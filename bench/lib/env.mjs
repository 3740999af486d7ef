// Paths and environment knobs shared by the benchmark scripts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'bench', 'results');
/** The PostgreSQL server on which the benchmarks create (and drop) their own databases. */
export const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const VERBOSE = process.env.BENCH_VERBOSE === '1';

/** A positive number from the environment, or `fallback` when it is unset or empty. */
export function positive(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number (got ${JSON.stringify(value)})`);
  return n;
}

export const positiveInt = (name, fallback) => Math.floor(positive(name, fallback));

/** A comma-separated list of positive numbers (e.g. BENCH_UPLOAD_SIZES_MB=256,1024). */
export function positiveList(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((n) => !Number.isFinite(n) || n <= 0))
    throw new Error(`${name} must list positive numbers (got ${JSON.stringify(text)})`);
  return values;
}
