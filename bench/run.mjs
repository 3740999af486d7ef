#!/usr/bin/env node
// HTTP benchmark of the registry (SPEC §9): the service against a hand-written node:http + pg floor
// (bench/baseline-server.mjs) running the same SQL on the same database, side by side in one run.
//
//   npm run bench
//
// Environment (all optional):
//   DATABASE_URL      PostgreSQL server to use (a fresh database is created on it and dropped at the end);
//                     default postgres://postgres:postgres@127.0.0.1:5432/postgres
//   BENCH_MODELS      registrations seeded through the API (default 2000; 4 versions per name)
//   BENCH_SECONDS     measured seconds per case and target (default 5)
//   BENCH_WARMUP      warm-up seconds per case and target, not counted (default 1.5)
//   BENCH_CONNECTIONS autocannon connections (default 32)
//   BENCH_ROUNDS      rounds; service and baseline alternate within each (default 2; the better round is kept)
//   BENCH_PAGINATION  unset: the pagination section runs when the service answers `page-size` with 200;
//                     1: same, but a missing feature is reported more loudly; 0: skip it
//   BENCH_PAGE_MODELS registrations of the large pagination data set (default 100000; small one: 1000)
//   BENCH_LIST_CONNECTIONS connections for "list all" (default 4: one answer carries all N registrations and
//                     takes hundreds of ms, so 32 connections would only measure a queue longer than the run)
//   BENCH_PAGE_CONNECTIONS connections for the pagination latency runs (default 8: latency, not saturation)
//   BENCH_STARTUP     0 skips the embedded-store start-up measurement
//   BENCH_CPU_PROF    1: profile the service (V8 sampling profiler) during round 1 of every case;
//                     writes bench/results/prof/<case>.cpuprofile and prints the hottest functions
//   BENCH_BUILD       1: run `npx nest build` even when dist/main.js exists
//   BENCH_DIST        compiled output to run instead of dist/, e.g. bench/results/dist: built there with
//                     `tsc --outDir` when missing (or BENCH_BUILD=1), so that others rebuilding dist/ meanwhile
//                     cannot pull the service out from under a run
//   BENCH_VERBOSE     1: show the children's stderr
//
// Prints a table and writes bench/results/latest.json. Targets (read cases): service req/s ≥ 0.8 × the
// baseline's, service p99 ≤ 1.5 × the baseline's; pagination: page latency at 100k rows ≤ 1.2 × at 1k.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { buildService, freePort } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const REG = '/ai-ml-model-registration/v1/model-registrations';
const DISCOVERY = '/ai-ml-model-discovery/v1/models';

const num = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got ${JSON.stringify(value)})`);
  return n;
};
const CFG = {
  adminUrl: process.env.DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
  models: Math.floor(num('BENCH_MODELS', 2000)),
  seconds: num('BENCH_SECONDS', 5),
  warmup: num('BENCH_WARMUP', 1.5),
  connections: Math.floor(num('BENCH_CONNECTIONS', 32)),
  rounds: Math.floor(num('BENCH_ROUNDS', 2)),
  seedConcurrency: 16,
  pagination: process.env.BENCH_PAGINATION ?? 'auto',
  pageModels: Math.floor(num('BENCH_PAGE_MODELS', 100_000)),
  listConnections: Math.floor(num('BENCH_LIST_CONNECTIONS', 4)),
  pageSmall: 1000,
  pageConnections: Math.floor(num('BENCH_PAGE_CONNECTIONS', 8)),
  pageSize: 50,
  startup: process.env.BENCH_STARTUP !== '0',
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  verbose: process.env.BENCH_VERBOSE === '1',
  main: join(process.env.BENCH_DIST ? join(ROOT, process.env.BENCH_DIST) : join(ROOT, 'dist'), 'main.js'),
};
const TARGET_RPS_RATIO = 0.8;
const TARGET_P99_RATIO = 1.5;
const TARGET_PAGE_RATIO = 1.2;

// ---------------------------------------------------------------------------------------------------
// Children, temporary databases and directories: all released on exit, error or SIGINT.

const children = new Set();
const databases = new Set();
const tempDirs = new Set();
let admin;

function startChild(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.label = name;
  child.tail = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    if (CFG.verbose) process.stderr.write(text.replace(/^/gm, `[${name}] `));
    child.tail.push(text);
    if (child.tail.length > 40) child.tail.shift();
  });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  children.add(child);
  return child;
}

async function stopChild(child) {
  if (!children.has(child)) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await child.exited;
  clearTimeout(timer);
}

let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    await Promise.all([...children].map(stopChild));
    for (const name of databases) {
      await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error) => {
        console.error(`could not drop database ${name}: ${error.message}`);
      });
    }
    await admin?.end().catch(() => {});
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true }).catch(() => {});
  })();
  return cleaningUp;
}
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping children and dropping the benchmark databases…`);
    cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------
// Small helpers.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

/** Polls GET /health/ready until 200; returns milliseconds since `since`. */
async function waitReady(base, child, since, timeoutMs = 120_000) {
  let exited;
  child.exited.then((how) => (exited = how));
  while (performance.now() - since < timeoutMs) {
    if (exited) {
      throw new Error(
        `${child.label} (${child.spawnargs.slice(1).join(' ')}) exited before it was ready ` +
          `(code ${exited.code}, signal ${exited.signal}):\n${child.tail.join('')}`,
      );
    }
    try {
      const response = await fetch(`${base}/health/ready`);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {}
    await sleep(20);
  }
  throw new Error(`${child.label} not ready after ${timeoutMs} ms:\n${child.tail.join('')}`);
}

function rssMiB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) the process has used, in ms: per-request CPU cost is robust to a busy machine. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

function serviceEnv(extra) {
  const env = { ...process.env };
  // The service must see only what we give it: no inherited database, S3, API keys or listen address.
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_URL|PG_|S3_|API_KEYS|MMES_URL|DB_POOL_SIZE|RUN_MIGRATIONS|BENCH_)/.test(name)) delete env[name];
  }
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra };
}

async function createDatabase(label) {
  const name = `mms_bench_${label}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  databases.add(name);
  const url = new URL(CFG.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startService(label, databaseUrl, { profile = false } = {}) {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), `mms-bench-${label}-`));
  tempDirs.add(dataDir);
  const env = serviceEnv({ DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: dataDir });
  const args = [CFG.main];
  if (profile) {
    args.unshift('-r', join(ROOT, 'bench', 'cpu-profile-hook.cjs'));
    env.BENCH_CPU_PROF_DIR = join(RESULTS, 'prof');
  }
  const since = performance.now();
  const child = startChild(label, args, env);
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(base, child, since);
  return { key: 'service', child, base, readyMs };
}

async function startBaseline(databaseUrl) {
  const port = await freePort();
  const env = serviceEnv({ DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: '10' });
  const since = performance.now();
  const child = startChild('baseline', ['bench/baseline-server.mjs'], env);
  const base = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(base, child, since);
  return { key: 'baseline', child, base, readyMs };
}

function registration(modelName, modelVersion) {
  return {
    modelId: { modelName, modelVersion },
    description: 'Benchmark model for throughput measurements',
    modelInformation: {
      metadata: { author: 'bench', owner: 'perf-team' },
      inputDataType: 'pdcpBytesDl,pdcpBytesUl',
      outputDataType: 'pdcpBytesDl,pdcpBytesUl',
      targetEnvironment: [
        { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' },
        { platformName: 'kserve', environmentType: 'staging', dependencyList: 'tensorflow=2.15' },
        { platformName: 'onnx', environmentType: 'edge', dependencyList: 'onnxruntime=1.18' },
      ],
    },
    modelLocation: '',
  };
}

/** Seed i → (name, version): N/4 names with 4 versions each, so "by name" returns 4 rows. */
function seedKey(i, n) {
  const names = Math.max(1, Math.floor(n / 4));
  return { name: `bench-model-${i % names}`, version: String(Math.floor(i / names) + 1) };
}

async function seedThroughApi(base, n) {
  const ids = new Array(n);
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const { name, version } = seedKey(i, n);
      const response = await call(base, 'POST', REG, registration(name, version));
      if (response.status !== 201) throw new Error(`seeding ${name}/${version}: ${response.status} ${response.text}`);
      ids[i] = response.json.modelInfo.id;
    }
  }
  await Promise.all(Array.from({ length: CFG.seedConcurrency }, worker));
  return ids;
}

// ---------------------------------------------------------------------------------------------------
// Identical answers, checked before anything is measured.

async function checkIdentical(service, baseline, ids, n) {
  const notes = [];
  const { name, version } = seedKey(0, n);
  const paths = [
    `${REG}/${ids[0]}`,
    `${DISCOVERY}?model-name=${name}&model-version=${version}`,
    `${DISCOVERY}?model-name=${name}`,
    DISCOVERY,
  ];
  for (const path of paths) {
    const [a, b] = await Promise.all([call(service.base, 'GET', path), call(baseline.base, 'GET', path)]);
    if (a.status !== 200 || b.status !== 200) {
      throw new Error(`identity check ${path}: service ${a.status}, baseline ${b.status}\n${a.text.slice(0, 500)}`);
    }
    if (path === DISCOVERY && Array.isArray(a.json) && Array.isArray(b.json) && a.json.length !== b.json.length) {
      throw new Error(
        `identity check FAILED for GET ${path}: the service returned ${a.json.length} registrations, the baseline ` +
          `${b.json.length}${a.headers.get('link') ? ` (service sent Link: ${a.headers.get('link')}) — is the unfiltered list paginated by default now?` : ''}`,
      );
    }
    if (!isDeepStrictEqual(a.json, b.json)) {
      throw new Error(
        `identity check FAILED for GET ${path}: service and baseline answer different JSON\n` +
          `service:  ${a.text.slice(0, 800)}\nbaseline: ${b.text.slice(0, 800)}`,
      );
    }
    if (a.text !== b.text) notes.push(`GET ${path}: same JSON, different bytes (key order or spacing)`);
  }
  // Registration: same 201 body apart from the generated id and the name, and a Location naming the id.
  const answers = [];
  for (const target of [service, baseline]) {
    const response = await call(target.base, 'POST', REG, registration(`bench-check-${target.key}`, '1'));
    if (response.status !== 201) throw new Error(`identity check POST on ${target.key}: ${response.status} ${response.text}`);
    const info = response.json?.modelInfo;
    if (response.headers.get('location') !== `${REG}/${info?.id}`) {
      throw new Error(`identity check POST on ${target.key}: Location ${response.headers.get('location')} does not name ${info?.id}`);
    }
    answers.push({ ...response.json, modelInfo: { ...info, id: '<id>', modelId: { ...info.modelId, modelName: '<name>' } } });
  }
  if (!isDeepStrictEqual(answers[0], answers[1])) {
    throw new Error(`identity check FAILED for POST: ${JSON.stringify(answers[0])} vs ${JSON.stringify(answers[1])}`);
  }
  return { checked: [...paths.map((p) => `GET ${p}`), `POST ${REG}`], notes };
}

// ---------------------------------------------------------------------------------------------------
// Measurement.

function cases(ids, n) {
  let k = 0;
  let reg = 0;
  const rotate = (build) => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: build(k++) }) });
  return [
    { key: 'get-by-id', label: 'get by id', read: true, requests: () => [rotate((i) => `${REG}/${ids[i % ids.length]}`)] },
    {
      key: 'by-name-version',
      label: 'discovery name+version',
      read: true,
      requests: () => [
        rotate((i) => {
          const { name, version } = seedKey(i % n, n);
          return `${DISCOVERY}?model-name=${name}&model-version=${version}`;
        }),
      ],
    },
    {
      key: 'by-name',
      label: 'discovery by name',
      read: true,
      requests: () => [rotate((i) => `${DISCOVERY}?model-name=${seedKey(i % Math.max(1, Math.floor(n / 4)), n).name}`)],
    },
    {
      key: 'list-all',
      label: `list all (${n})`,
      read: true,
      connections: CFG.listConnections,
      requests: () => [{ method: 'GET', path: DISCOVERY }],
    },
    {
      key: 'register',
      label: 'registration (POST)',
      read: false,
      requests: (target) => [
        {
          method: 'POST',
          path: REG,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify(registration(`bench-reg-${target.key}-${process.pid}-${reg++}`, '1')),
          }),
        },
      ],
      // Keeps the table at N rows for the next round's list-all.
      after: async (db) => {
        await db.query(`DELETE FROM model_related_informations WHERE model_name LIKE 'bench-reg-%'`);
        await db.query('VACUUM ANALYZE model_related_informations, target_environments');
      },
    },
  ];
}

async function cannon(url, requests, seconds, latencies, statuses, connections = CFG.connections) {
  const instance = autocannon({ url, connections, duration: seconds, requests, timeout: 30 });
  if (latencies) {
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  }
  const result = await instance;
  return result;
}

/**
 * Waits until the process is (nearly) idle: autocannon stops at the end of a run, but the server still works
 * off what it had already accepted, which would otherwise be charged to the next run.
 */
async function quiesce(pid, maxMs = 60_000) {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const before = cpuMs(pid);
    await sleep(250);
    if (cpuMs(pid) - before <= 25) return;
  }
}

async function measure(target, kase, profileLabel) {
  const connections = kase.connections ?? CFG.connections;
  await quiesce(target.child.pid);
  await cannon(target.base, kase.requests(target), CFG.warmup, undefined, undefined, connections);
  await quiesce(target.child.pid);
  if (profileLabel) await profiler(target.child, 'start', profileLabel);
  const latencies = [];
  const statuses = {};
  const cpuBefore = cpuMs(target.child.pid);
  const r = await cannon(target.base, kase.requests(target), CFG.seconds, latencies, statuses, connections);
  const cpuUsed = cpuMs(target.child.pid) - cpuBefore;
  if (profileLabel) await profiler(target.child, 'stop', profileLabel);
  latencies.sort((a, b) => a - b);
  const problems = [];
  if (r.errors) problems.push(`${r.errors} errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx answers (statuses ${JSON.stringify(statuses)})`);
  if (latencies.length === 0) problems.push('no answer within the measured window');
  return {
    rps: round2(r.requests.total / r.duration),
    requests: r.requests.total,
    durationS: r.duration,
    connections,
    p50: round2(percentile(latencies, 50)),
    p90: round2(percentile(latencies, 90)),
    p99: round2(percentile(latencies, 99)),
    max: round2(latencies.at(-1)),
    cpuMsPerRequest: latencies.length ? Math.round((1000 * cpuUsed) / latencies.length) / 1000 : null,
    cpuUtilisation: round2(cpuUsed / (1000 * r.duration)),
    mbPerS: round2(r.throughput.average / 1024 / 1024),
    statuses,
    problems,
  };
}

async function profiler(child, action, label) {
  const dir = join(RESULTS, 'prof');
  if (action === 'start') {
    await rm(join(dir, `${label}.done`), { force: true });
    await writeFile(join(dir, 'label'), label);
    child.kill('SIGUSR2');
    await sleep(100);
    return;
  }
  child.kill('SIGUSR2');
  for (let i = 0; i < 200 && !existsSync(join(dir, `${label}.done`)); i++) await sleep(50);
}

/** Self time by function and by package, from a .cpuprofile. */
async function summarizeProfile(file, top = 12) {
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const byFunction = new Map();
  const byPackage = new Map();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(ROOT + '/', '');
    const fn = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where.startsWith('dist/') ? 'service (dist/)' : where.startsWith('node:') ? 'node core' : where ? where.split('/')[0] : functionName || '(native)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const share = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: round2((100 * hits) / total) }));
  return { functions: share(byFunction), packages: share(byPackage) };
}

// ---------------------------------------------------------------------------------------------------
// Pagination (page-size / page-token with RFC 8288 Link headers).

function nextLink(header, base) {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (match && /rel="?next"?/.test(match[2])) {
      const url = new URL(match[1], base);
      return url.pathname + url.search;
    }
  }
  return null;
}

async function seedSql(db, from, to) {
  const started = performance.now();
  await db.query(
    `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author,
       owner, input_data_type, output_data_type, model_location)
     SELECT gen_random_uuid()::text, 'page-model-' || lpad((g / 4)::text, 6, '0'), ((g % 4) + 1)::text, '0.0.0',
            'Benchmark model for pagination measurements', 'bench', 'perf-team', 'pdcpBytesDl,pdcpBytesUl',
            'pdcpBytesDl,pdcpBytesUl', ''
       FROM generate_series($1::int, $2::int) AS g`,
    [from, to - 1],
  );
  await db.query(
    `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
       dependency_list, position)
     SELECT gen_random_uuid()::text, m.id, (ARRAY['kserve','kserve','onnx'])[p + 1],
            (ARRAY['prod','staging','edge'])[p + 1], (ARRAY['tensorflow=2.15','tensorflow=2.15','onnxruntime=1.18'])[p + 1], p
       FROM model_related_informations m CROSS JOIN generate_series(0, 2) AS p
      WHERE NOT EXISTS (SELECT 1 FROM target_environments t WHERE t.model_related_information_id = m.id)`,
  );
  await db.query('VACUUM ANALYZE model_related_informations, target_environments');
  return Math.round(performance.now() - started);
}

/** Walks Link rel="next" from the first page to the middle one; checks order on the way. */
async function middlePage(base, total) {
  const pages = Math.ceil(total / CFG.pageSize);
  const steps = Math.floor(pages / 2);
  let path = `${DISCOVERY}?page-size=${CFG.pageSize}`;
  let last = '';
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const page = await call(base, 'GET', path);
    if (page.status !== 200 || !Array.isArray(page.json)) throw new Error(`page ${i + 1} (${path}): ${page.status} ${page.text.slice(0, 300)}`);
    if (page.json.length !== CFG.pageSize) throw new Error(`page ${i + 1} has ${page.json.length} items, expected ${CFG.pageSize}`);
    for (const item of page.json) {
      const key = `${item.modelId.modelName}\u0000${item.modelId.modelVersion}`;
      if (key <= last) throw new Error(`page ${i + 1}: ${item.modelId.modelName}/${item.modelId.modelVersion} is out of order`);
      last = key;
    }
    path = nextLink(page.headers.get('link'), base);
    if (!path) throw new Error(`page ${i + 1} of ${pages} has no Link rel="next"`);
  }
  return { path, page: steps + 1, pages, walkMs: Math.round(performance.now() - started) };
}

async function measurePages(service, total) {
  const first = `${DISCOVERY}?page-size=${CFG.pageSize}`;
  const middle = await middlePage(service.base, total);
  const out = { models: total, middlePage: middle.page, pages: middle.pages, walkMs: middle.walkMs };
  for (const [key, path] of [['first', first], ['middle', middle.path]]) {
    const check = await call(service.base, 'GET', path);
    if (check.status !== 200 || check.json?.length !== CFG.pageSize) throw new Error(`GET ${path}: ${check.status}`);
    out[key] = await measure(service, { connections: CFG.pageConnections, requests: () => [{ method: 'GET', path }] });
  }
  return out;
}

async function pagination(service) {
  const probe = await call(service.base, 'GET', `${DISCOVERY}?page-size=${CFG.pageSize}`);
  if (probe.status !== 200) {
    return {
      skipped: `the service answers ?page-size=${CFG.pageSize} with ${probe.status} (not supported yet)`,
    };
  }
  const url = await createDatabase('pages');
  const db = new pg.Client({ connectionString: url });
  db.on('error', (error) => console.error(`pagination database connection: ${error.message}`));
  await db.connect();
  let svc;
  try {
    svc = await startService('service-pages', url);
    const small = { seedMs: await seedSql(db, 0, CFG.pageSmall), ...(await measurePages(svc, CFG.pageSmall)) };
    const large = { seedMs: await seedSql(db, CFG.pageSmall, CFG.pageModels), ...(await measurePages(svc, CFG.pageModels)) };
    const ratio = (key, stat) => round2(large[key][stat] / small[key][stat]);
    return {
      pageSize: CFG.pageSize,
      connections: CFG.pageConnections,
      small,
      large,
      ratios: {
        firstP50: ratio('first', 'p50'),
        firstP99: ratio('first', 'p99'),
        middleP50: ratio('middle', 'p50'),
        middleP99: ratio('middle', 'p99'),
      },
    };
  } finally {
    await db.end();
    if (svc) await stopChild(svc.child);
  }
}

// ---------------------------------------------------------------------------------------------------
// Start-up on the embedded store.

async function embeddedStartup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'mms-bench-embedded-'));
  tempDirs.add(dataDir);
  const times = [];
  let rss;
  for (const run of ['first (initialises the store)', 'second (store already initialised)']) {
    const port = await freePort();
    const since = performance.now();
    const child = startChild('service-embedded', [CFG.main], serviceEnv({ PORT: String(port), DATA_DIR: dataDir }));
    times.push({ run, readyMs: Math.round(await waitReady(`http://127.0.0.1:${port}`, child, since)) });
    rss = rssMiB(child.pid);
    const stopping = performance.now();
    await stopChild(child);
    times.at(-1).stopMs = Math.round(performance.now() - stopping);
  }
  return { first: times[0], second: times[1], rssAfterSecondStartMiB: rss };
}

// ---------------------------------------------------------------------------------------------------

function git(args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const fix = (x, digits) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');

function pad(text, width, right = false) {
  text = String(text ?? '–');
  return right ? text.padStart(width) : text.padEnd(width);
}

function printTable(rows) {
  const head = ['case', 'svc req/s', 'base req/s', 'ratio', 'svc p50/p99 ms', 'base p50/p99 ms', 'p99 ratio', 'CPU ms/req svc/base', ''];
  const widths = [24, 9, 10, 5, 15, 15, 9, 19, 0];
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i > 0 && i < 8)).join('  ');
  console.log(line(head));
  console.log('-'.repeat(widths.reduce((a, b) => a + b + 2, 0)));
  for (const row of rows) {
    const s = row.service;
    const b = row.baseline;
    console.log(
      line([
        row.label,
        fix(s.rps, 0),
        fix(b.rps, 0),
        fix(row.ratio, 2),
        `${fix(s.p50, 2)}/${fix(s.p99, 2)}`,
        `${fix(b.p50, 2)}/${fix(b.p99, 2)}`,
        fix(row.p99Ratio, 2),
        `${fix(s.cpuMsPerRequest, 2)}/${fix(b.cpuMsPerRequest, 2)}`,
        row.verdict,
      ]),
    );
  }
}

async function main() {
  const startedAt = new Date();
  const t0 = performance.now();
  if (process.env.BENCH_DIST && (process.env.BENCH_BUILD === '1' || !existsSync(CFG.main))) {
    const outDir = dirname(CFG.main);
    console.log(`building a private copy in ${outDir} (tsc -p tsconfig.build.json --outDir …)…`);
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', outDir, '--tsBuildInfoFile', join(outDir, '.tsbuildinfo')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('tsc build failed');
  }
  if (!process.env.BENCH_DIST && (process.env.BENCH_BUILD === '1' || !existsSync(CFG.main))) {
    buildService(ROOT);
  }
  await mkdir(join(RESULTS, 'prof'), { recursive: true });
  const out = {
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyWorkingTree: (git(['status', '--porcelain', '--', 'src']) ?? '') !== '',
    date: startedAt.toISOString(),
    node: process.version,
    serviceEntry: CFG.main.replace(ROOT + '/', ''),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    models: CFG.models,
    seconds: CFG.seconds,
    warmupSeconds: CFG.warmup,
    connections: CFG.connections,
    listConnections: CFG.listConnections,
    rounds: CFG.rounds,
    pick: 'per target, the round with the higher req/s (its own latencies)',
    targets: { rpsRatioMin: TARGET_RPS_RATIO, p99RatioMax: TARGET_P99_RATIO, pageRatioMax: TARGET_PAGE_RATIO },
    anomalies: [],
  };
  console.log(
    `bench: commit ${out.commit}${out.dirtyWorkingTree ? ' (+ uncommitted src changes)' : ''}, node ${out.node}, ` +
      `${out.cpus} CPUs, N=${CFG.models}, ${CFG.seconds}s/case (+${CFG.warmup}s warm-up), ${CFG.connections} connections, ${CFG.rounds} rounds`,
  );

  admin = new pg.Client({ connectionString: CFG.adminUrl });
  admin.on('error', (error) => console.error(`admin connection: ${error.message}`));
  await admin.connect();

  if (CFG.startup) {
    try {
      out.embeddedStartup = await embeddedStartup();
      const e = out.embeddedStartup;
      console.log(
        `embedded store start-up to /health/ready: first ${e.first.readyMs} ms (initialises), second ${e.second.readyMs} ms; ` +
          `RSS ${e.rssAfterSecondStartMiB} MiB`,
      );
    } catch (error) {
      out.anomalies.push(`embedded start-up failed: ${error.message.split('\n')[0]}`);
      console.error(`embedded start-up measurement failed: ${error.message}`);
    }
  }

  const url = await createDatabase('main');
  const db = new pg.Client({ connectionString: url });
  db.on('error', (error) => console.error(`benchmark database connection: ${error.message}`));
  await db.connect();
  const service = await startService('service', url, { profile: CFG.cpuProf });
  const baseline = await startBaseline(url);
  out.postgresStartupMs = { service: Math.round(service.readyMs), baseline: Math.round(baseline.readyMs) };
  console.log(`service ready in ${out.postgresStartupMs.service} ms (fresh database, migrations), baseline in ${out.postgresStartupMs.baseline} ms`);

  const seedStart = performance.now();
  const ids = await seedThroughApi(service.base, CFG.models);
  out.seed = { models: CFG.models, ms: Math.round(performance.now() - seedStart), concurrency: CFG.seedConcurrency };
  console.log(`seeded ${CFG.models} registrations through the API in ${out.seed.ms} ms (${CFG.seedConcurrency} in flight)`);
  await sleep(1000);
  out.rss = { serviceIdleAfterSeedMiB: rssMiB(service.child.pid), baselineIdleAfterSeedMiB: rssMiB(baseline.child.pid) };
  console.log(`idle RSS after seeding: service ${out.rss.serviceIdleAfterSeedMiB} MiB, baseline ${out.rss.baselineIdleAfterSeedMiB} MiB`);

  out.identity = await checkIdentical(service, baseline, ids, CFG.models);
  await db.query(`DELETE FROM model_related_informations WHERE model_name LIKE 'bench-check-%'`);
  await db.query('VACUUM ANALYZE model_related_informations, target_environments');
  console.log(`identity check passed: ${out.identity.checked.join(', ')}`);
  for (const note of out.identity.notes) console.log(`  note: ${note}`);

  const list = cases(ids, CFG.models);
  const raw = Object.fromEntries(list.map((c) => [c.key, { service: [], baseline: [] }]));
  for (let round = 0; round < CFG.rounds; round++) {
    for (const kase of list) {
      const order = round % 2 === 0 ? [service, baseline] : [baseline, service];
      for (const target of order) {
        const label = CFG.cpuProf && round === 0 && target === service ? kase.key : undefined;
        const m = await measure(target, kase, label);
        raw[kase.key][target.key].push(m);
        process.stdout.write(
          `  round ${round + 1} ${pad(kase.label, 24)} ${pad(target.key, 8)} ${pad(m.rps.toFixed(0), 7, true)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  CPU ${m.cpuMsPerRequest} ms/req (${m.cpuUtilisation} cores)` +
            `${m.problems.length ? `  !! ${m.problems.join(', ')}` : ''}\n`,
        );
        if (m.problems.length) out.anomalies.push(`${kase.label} round ${round + 1} on ${target.key}: ${m.problems.join(', ')}`);
      }
      if (kase.after) await kase.after(db);
    }
  }
  out.rss.serviceAfterLoadMiB = rssMiB(service.child.pid);
  out.rss.baselineAfterLoadMiB = rssMiB(baseline.child.pid);

  const best = (runs) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
  out.cases = list.map((kase) => {
    const s = best(raw[kase.key].service);
    const b = best(raw[kase.key].baseline);
    const ratio = b.rps ? round2(s.rps / b.rps) : null;
    const p99Ratio = s.p99 !== null && b.p99 ? round2(s.p99 / b.p99) : null;
    const misses = [];
    if (kase.read && !(ratio >= TARGET_RPS_RATIO)) misses.push(`req/s < ${TARGET_RPS_RATIO}×`);
    if (kase.read && !(p99Ratio <= TARGET_P99_RATIO)) misses.push(`p99 > ${TARGET_P99_RATIO}×`);
    const verdict = !kase.read ? '(no target)' : misses.length ? `MISS: ${misses.join(', ')}` : 'ok';
    return { key: kase.key, label: kase.label, read: kase.read, service: s, baseline: b, ratio, p99Ratio, verdict, rounds: raw[kase.key] };
  });

  if (CFG.cpuProf) {
    out.cpuProfiles = {};
    for (const kase of list) {
      const file = join(RESULTS, 'prof', `${kase.key}.cpuprofile`);
      if (existsSync(file)) out.cpuProfiles[kase.key] = { file: file.replace(ROOT + '/', ''), ...(await summarizeProfile(file)) };
    }
  }

  if (CFG.pagination !== '0') {
    try {
      out.pagination = await pagination(service);
    } catch (error) {
      out.pagination = { error: error.message };
      out.anomalies.push(`pagination: ${error.message.split('\n')[0]}`);
    }
  } else {
    out.pagination = { skipped: 'BENCH_PAGINATION=0' };
  }

  await stopChild(service.child);
  await stopChild(baseline.child);
  await db.end();

  // ------------------------------------------------------------------------------------------------
  console.log(
    `\nservice vs baseline (node:http + pg), N=${CFG.models}, ${CFG.connections} connections (list all: ${CFG.listConnections}), ` +
      `better of ${CFG.rounds} rounds of ${CFG.seconds}s:\n`,
  );
  printTable(out.cases);
  console.log(`\ntargets for read cases: req/s ratio ≥ ${TARGET_RPS_RATIO}, p99 ratio ≤ ${TARGET_P99_RATIO}`);
  const missed = out.cases.filter((c) => c.verdict.startsWith('MISS'));
  console.log(missed.length ? `${missed.length} read case(s) MISS the targets: ${missed.map((c) => c.label).join(', ')}` : 'all read cases meet the targets');
  if (out.embeddedStartup) {
    const e = out.embeddedStartup;
    console.log(`\nstart-up to /health/ready on the embedded store: first start ${e.first.readyMs} ms (initialises), second start ${e.second.readyMs} ms`);
  }
  console.log(`start-up on PostgreSQL (fresh database, migrations): ${out.postgresStartupMs.service} ms`);
  console.log(
    `RSS: service idle after seeding ${out.rss.serviceIdleAfterSeedMiB} MiB (after load ${out.rss.serviceAfterLoadMiB} MiB); ` +
      `baseline ${out.rss.baselineIdleAfterSeedMiB} MiB (after load ${out.rss.baselineAfterLoadMiB} MiB)`,
  );
  const p = out.pagination;
  if (p?.skipped) console.log(`\npagination: skipped — ${p.skipped}${CFG.pagination === '1' ? ' (BENCH_PAGINATION=1 was asked for)' : ''}`);
  else if (p?.error) console.log(`\npagination: FAILED — ${p.error}`);
  else if (p) {
    console.log(`\npagination (page-size ${p.pageSize}, service only, ${p.connections} connections):`);
    for (const [key, label] of [['first', 'first page'], ['middle', 'middle page']]) {
      const s = p.small[key];
      const l = p.large[key];
      const r99 = p.ratios[`${key}P99`];
      console.log(
        `  ${pad(label, 12)} ${p.small.models} rows: p50 ${s.p50} / p99 ${s.p99} ms (${s.rps.toFixed(0)} req/s)   ` +
          `${p.large.models} rows: p50 ${l.p50} / p99 ${l.p99} ms (${l.rps.toFixed(0)} req/s)   ` +
          `ratio p50 ${p.ratios[`${key}P50`]} p99 ${r99} ${r99 <= TARGET_PAGE_RATIO && p.ratios[`${key}P50`] <= TARGET_PAGE_RATIO ? 'ok' : `MISS (target ≤ ${TARGET_PAGE_RATIO})`}`,
      );
    }
  }
  if (out.cpuProfiles) {
    console.log('\nservice CPU profiles (self time, round 1):');
    for (const [key, prof] of Object.entries(out.cpuProfiles)) {
      console.log(`  ${key}: ${prof.packages.slice(0, 6).map((x) => `${x.name} ${x.percent}%`).join(', ')}`);
      for (const f of prof.functions.slice(0, 5)) console.log(`      ${pad(f.percent + '%', 7, true)}  ${f.name}`);
    }
  }
  if (out.anomalies.length) console.log(`\nanomalies:\n${out.anomalies.map((a) => `  - ${a}`).join('\n')}`);
  out.totalSeconds = Math.round((performance.now() - t0) / 1000);
  await writeFile(join(RESULTS, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote bench/results/latest.json (${out.totalSeconds} s in all)`);
}

main()
  .then(() => cleanup())
  .catch(async (error) => {
    console.error(`\nbench FAILED: ${error.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
