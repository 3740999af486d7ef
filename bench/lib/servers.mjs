// The servers a benchmark drives, each started fresh: ours (dist/main.js), the raw floor
// (bench/baseline-server.mjs: node:http + pg) and the upstream Go service (start.sh PORT DBNAME).
// Each resolves to { key, label, child, pid, base, readyPath, readyMs } once it first answers its
// readiness request, readyMs counted from the spawn.
import { join } from 'node:path';
import { freePort } from '../support.mjs';
import { startChild } from './children.mjs';
import { temporaryDirectory } from './cleanup.mjs';
import { ADMIN_URL, ROOT } from './env.mjs';
import { DISCOVERY, waitReady } from './http.mjs';

export const LABELS = { ours: 'ours', floor: 'floor', go: 'Go' };

/** The Go service has no readiness route; a discovery query it answers from the database serves. */
const GO_READY = `${DISCOVERY}?model-name=bench-readiness-probe`;

/** Our environment without what would point a server elsewhere: database, S3, keys, listen address. */
function cleanEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (
      /^(DATABASE_URL|PG_|S3_|API_KEYS|MMES_URL|DB_POOL_SIZE|RUN_MIGRATIONS|MAX_UPLOAD_BYTES|BENCH_|LOG_)/.test(
        name,
      )
    )
      delete env[name];
  }
  return env;
}

async function started(key, label, child, port, readyPath, since) {
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(base, readyPath, child, since);
  return { key, label, child, pid: child.pid, base, readyPath, readyMs };
}

/**
 * Our service. Without `databaseUrl` it runs on the embedded store in `dataDir` (a fresh temporary
 * one by default); `env` adds variables (S3, limits); `preload` a `node -r` module; `main` the entry.
 */
export async function startOurs({ main, databaseUrl, dataDir, env = {}, preload, label = LABELS.ours }) {
  const port = await freePort();
  const args = preload ? ['-r', preload, main] : [main];
  const childEnv = {
    ...cleanEnv(),
    HOST: '127.0.0.1',
    PORT: String(port),
    // LOG_LEVEL as deployed (info): the access line per request is part of what a request costs.
    DATA_DIR: dataDir ?? (await temporaryDirectory('mms-bench-data-')),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  };
  const since = performance.now();
  const child = startChild(label, process.execPath, args, { env: childEnv });
  return started('ours', label, child, port, '/health/ready', since);
}

/** The raw floor on the same database as ours, with the same pool size as our default. */
export async function startFloor(databaseUrl) {
  const port = await freePort();
  const env = {
    ...cleanEnv(),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    POOL_SIZE: '10',
  };
  const since = performance.now();
  const child = startChild(LABELS.floor, process.execPath, [join(ROOT, 'bench', 'baseline-server.mjs')], {
    env,
  });
  return started('floor', LABELS.floor, child, port, '/health/ready', since);
}

let goTmp;

/**
 * The Go service (`peer` from findGoPeer) on database `database` of our PostgreSQL server; `env` adds
 * S3_URL and its keys. start.sh execs the binary, so the child's pid is the Go process itself; its
 * access log (stdout) is discarded, and TMPDIR (its log directory, multipart spill files) is ours.
 */
export async function startGo({ peer, database, env = {} }) {
  const port = await freePort();
  const admin = new URL(ADMIN_URL);
  goTmp ??= await temporaryDirectory('mms-bench-go-');
  const childEnv = {
    ...cleanEnv(),
    PG_HOST: admin.hostname,
    PG_PORT: admin.port || '5432',
    PG_USER: decodeURIComponent(admin.username) || 'postgres',
    PG_PASSWORD: decodeURIComponent(admin.password) || 'postgres',
    TMPDIR: goTmp,
    ...env,
  };
  const since = performance.now();
  const child = startChild(LABELS.go, 'bash', [peer.start, String(port), database], { env: childEnv });
  return started('go', LABELS.go, child, port, GO_READY, since);
}
