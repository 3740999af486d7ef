// `npm run bench` knobs (environment, all optional) and its targets. See bench/run.mjs for the list.
import { positive, positiveInt } from '../lib/env.mjs';

export const CFG = {
  models: positiveInt('BENCH_MODELS', 2000),
  seconds: positive('BENCH_SECONDS', 5),
  warmup: positive('BENCH_WARMUP', 1.5),
  connections: positiveInt('BENCH_CONNECTIONS', 32),
  rounds: positiveInt('BENCH_ROUNDS', 2),
  seedConcurrency: 16,
  listConnections: positiveInt('BENCH_LIST_CONNECTIONS', 4),
  startup: process.env.BENCH_STARTUP !== '0',
  starts: positiveInt('BENCH_STARTS', 5),
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  /** Idle time after the load before the settled RSS is read (past our IDLE_MEMORY_RELEASE_MS of 30 s); 0 skips it. */
  settleMs: process.env.BENCH_SETTLE_MS === '0' ? 0 : positiveInt('BENCH_SETTLE_MS', 40_000),
  pagination: process.env.BENCH_PAGINATION ?? 'auto',
  pageModels: positiveInt('BENCH_PAGE_MODELS', 100_000),
  pageSmall: 1000,
  pageConnections: positiveInt('BENCH_PAGE_CONNECTIONS', 8),
  pageSize: 50,
};

export const TARGETS = {
  /** Every read case: our CPU ms per request at most this × Go's… */
  readCpuVsGo: 0.8,
  /** …and our req/s at least this × Go's. */
  readRpsVsGo: 1.25,
  /** Point reads (get by id, discovery name+version, by name): req/s at least this × the raw floor's. */
  pointRpsVsFloor: 0.8,
  /** Registration POST: CPU ms per request at most this × Go's. */
  registerCpuVsGo: 1.0,
  /** Our RSS after seeding 2,000 registrations (3 environments each) on PostgreSQL, MiB. */
  rssAfterSeedMiB: 100,
  /** Our start-up to the first 200 from /health/ready on PostgreSQL, median of CFG.starts restarts, ms. */
  startupMs: 1500,
  /** Pagination: page latency at CFG.pageModels rows at most this × at CFG.pageSmall. */
  pageRatio: 1.2,
};
