// `npm run bench:upload` knobs (environment, all optional) and its targets. See bench/upload.mjs.
import { positive, positiveInt, positiveList } from '../lib/env.mjs';

const args = process.argv.slice(2).map(Number);
if (args.some((n) => !Number.isFinite(n) || n <= 0))
  throw new Error(`sizes must be positive MiB figures (got ${process.argv.slice(2).join(' ')})`);

const store = process.env.BENCH_UPLOAD_STORE || 's3';
if (!['s3', 'fs'].includes(store))
  throw new Error(`BENCH_UPLOAD_STORE must be s3 or fs (got ${JSON.stringify(store)})`);

export const UPLOAD_CFG = {
  sizesMiB: args.length > 0 ? args : positiveList('BENCH_UPLOAD_SIZES_MB', [256, 1024]),
  rounds: positiveInt('BENCH_UPLOAD_ROUNDS', 3),
  /** s3: ours and Go on PostgreSQL with a local s3rver; fs: ours alone, embedded store and filesystem archives. */
  store,
  /**
   * The Go service's HTTP server cuts every request after 10 s and it reads each upload whole into
   * memory: here 256 MiB took 5–7 s (and 600 MiB of RSS), 1 GiB was cut. Larger sizes skip it.
   */
  goMaxMiB: positive('BENCH_UPLOAD_GO_MAX_MB', 256),
  floors: process.env.BENCH_UPLOAD_FLOORS !== '0',
};

export const UPLOAD_TARGETS = {
  /** CPU-s of a 256 MiB upload, ours at most this × Go's, on the same S3 server. */
  cpuVsGoAtMiB: 256,
  cpuVsGo: 1.0,
  /** RSS growth during an upload, ours, below this (MiB), at these sizes. */
  rssGrowthMiB: 64,
  rssGrowthAtMiB: [256, 1024],
  /** SPEC §5/§9: "a 1 GiB upload raises RSS by well under 100 MiB"; above it the run exits 1. */
  rssGrowthHardMiB: 100,
};
