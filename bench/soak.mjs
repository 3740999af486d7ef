#!/usr/bin/env node
// Soak test with a ledger: many concurrent clients register, update, upload, download, delete and
// discover models on the real service (its own fresh PostgreSQL database, the filesystem artifact
// store), then every acknowledged write is checked against the API, the SQL rows and the files.
//
//   node bench/soak.mjs
//
// Environment: DATABASE_URL (the server on which a fresh database is created and dropped; default
// postgres://postgres:postgres@127.0.0.1:5432/postgres), SOAK_CLIENTS (50), SOAK_SECONDS (60),
// SOAK_TIMEOUT_MS (30000, per request), SOAK_SEED (random), SOAK_MIX (op=weight,... to change the mix). Writes bench/results/soak.json.
// Exits 1 on any 5xx, any ledger mismatch, or any request that failed other than with an expected 4xx.
// The last line is `soak: N passed, M failed` (N/M: ledger checks).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { HttpClient, json } from './soak/http-client.mjs';
import { buildService, freePort } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const CLIENTS = positiveInt('SOAK_CLIENTS', 50);
const SECONDS = positiveInt('SOAK_SECONDS', 60);
const TIMEOUT_MS = positiveInt('SOAK_TIMEOUT_MS', 30_000);
/** After the deadline no new operation starts; in-flight ones get this long, then everything is cut. */
const HARD_STOP_GRACE_MS = TIMEOUT_MS + 5_000;
const SEED = process.env.SOAK_SEED ? Number(process.env.SOAK_SEED) : Math.floor(Math.random() * 2 ** 31);

const REGISTRATIONS = '/ai-ml-model-registration/v1/model-registrations';
const UPLOAD = '/ai-ml-model-registration/v1/uploadModel';
const DOWNLOAD = '/ai-ml-model-registration/v1/downloadModel';
const DISCOVERY = '/ai-ml-model-discovery/v1/models';

/** Relative weights of the operations a client picks from. */
const MIX = [
  ['register', 14],
  ['update', 18],
  ['upload', 20],
  ['download', 20],
  ['delete', 5],
  ['discovery', 15],
  ['discoveryDeleted', 3], // discovery of one of its deleted models: 404 expected
  ['badUpload', 5], // not a zip: 415 expected, and nothing may be left of it
];
// SOAK_MIX=op=weight,... overrides weights, e.g. SOAK_MIX=badUpload=0.
for (const item of (process.env.SOAK_MIX ?? '').split(',').filter(Boolean)) {
  const [op, weight] = item.split('=');
  const entry = MIX.find(([name]) => name === op.trim());
  if (!entry || !(Number(weight) >= 0)) {
    console.error(`SOAK_MIX: unknown operation or bad weight in ${JSON.stringify(item)}`);
    process.exit(2);
  }
  entry[1] = Number(weight);
}
const MIX_TOTAL = MIX.reduce((sum, [, weight]) => sum + weight, 0);

/** What each operation is expected to answer; anything else counts as a failure. */
const EXPECTED = {
  register: [201],
  update: [200],
  upload: [200],
  download: [200],
  delete: [204],
  discovery: [200],
  discoveryDeleted: [404],
  badUpload: [415],
};

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (per client) so that a failing run can be replayed with SOAK_SEED.

function rng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------

const stats = {
  ops: {}, // op -> { count, latencies: number[] }
  statuses: {}, // `${op} ${status}` -> count
  unexpected: [], // first few unexpected answers, for the report
  unexpectedCount: 0,
  networkFailures: 0,
  fiveXx: 0,
};

const checks = { passed: 0, failed: 0, failures: [] };

function check(ok, what) {
  if (ok) checks.passed += 1;
  else {
    checks.failed += 1;
    if (checks.failures.length < 50) checks.failures.push(what);
  }
  return ok;
}

function record(op, response) {
  const entry = (stats.ops[op] ??= { count: 0, latencies: [] });
  entry.count += 1;
  entry.latencies.push(response.ms);
  const key = `${op} ${response.status || 'network-error'}`;
  stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
  if (response.status >= 500) stats.fiveXx += 1;
  if (response.status === 0) stats.networkFailures += 1;
  const expected = EXPECTED[op].includes(response.status);
  if (!expected) {
    stats.unexpectedCount += 1;
    if (stats.unexpected.length < 20) {
      stats.unexpected.push({
        op,
        status: response.status,
        detail: response.error ?? response.body?.toString('utf8').slice(0, 300),
      });
    }
  }
  return expected;
}

// ---------------------------------------------------------------------------------------------
// A client: operates only on its own registrations, one request at a time, so its ledger is exact.

class SoakClient {
  constructor(index, http, deadline) {
    this.index = index;
    this.http = http;
    this.deadline = deadline;
    this.random = rng(SEED + index * 7919);
    this.sequence = 0;
    /** @type {Array<{id: string, name: string, version: string, state: object, uploads: Map<string, {sha256: string, size: number}>, deleted: boolean, uncertain: boolean}>} */
    this.registrations = [];
  }

  pick(list) {
    return list[Math.floor(this.random() * list.length)];
  }

  live() {
    return this.registrations.filter((r) => !r.deleted && !r.uncertain);
  }

  async run(stopSignal) {
    while (Date.now() < this.deadline && !stopSignal.stopped) {
      let op = this.chooseOperation();
      const live = this.live();
      if (live.length === 0 && op !== 'register') op = 'register';
      if (op === 'download' && !live.some((r) => r.uploads.size > 0)) op = 'upload';
      if (op === 'discoveryDeleted' && !this.registrations.some((r) => r.deleted)) op = 'discovery';
      if (op === 'delete' && live.length < 3) op = 'update';
      await this[op]();
    }
  }

  chooseOperation() {
    let roll = this.random() * MIX_TOTAL;
    for (const [op, weight] of MIX) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return MIX[0][0];
  }

  registrationBody(name, version) {
    return {
      modelId: { modelName: name, modelVersion: version },
      description: `soak model ${name}`,
      modelInformation: {
        metadata: { author: `client-${this.index}`, owner: this.random() < 0.3 ? '' : 'ran-team' },
        inputDataType: 'pdcpBytesDl,pdcpBytesUl',
        outputDataType: 'throughput',
        targetEnvironment: this.environments(),
      },
      modelLocation: this.random() < 0.5 ? '' : `s3://models/${name}`,
    };
  }

  environments() {
    const count = Math.floor(this.random() * 4);
    return Array.from({ length: count }, (_, i) => ({
      platformName: this.pick(['kserve', 'triton', 'edge']),
      environmentType: this.pick(['prod', 'stg', 'dev']),
      dependencyList: `dep-${i}=${Math.floor(this.random() * 1000)}`,
    }));
  }

  async register() {
    this.sequence += 1;
    const name = `soak-c${this.index}-${this.sequence}-${randomBytes(3).toString('hex')}`;
    const version = String(1 + Math.floor(this.random() * 3));
    const body = Buffer.from(JSON.stringify(this.registrationBody(name, version)));
    const response = await this.http.request('POST', REGISTRATIONS, {
      body,
      headers: { 'content-type': 'application/json' },
    });
    if (!record('register', response)) {
      // Unknown outcome (network) or refused: either way not acknowledged. Keep the name around
      // so that the verification can tell whether a refused registration left a row anyway.
      if (response.status === 0)
        this.registrations.push({
          id: undefined,
          name,
          version,
          state: undefined,
          uploads: new Map(),
          deleted: false,
          uncertain: true,
        });
      else refusedRegistrations.push({ name, version });
      return;
    }
    const resource = json(response)?.modelInfo;
    const location = response.headers.location;
    check(
      resource && location === `${REGISTRATIONS}/${resource.id}`,
      `register ${name}: Location ${location} does not name ${resource?.id}`,
    );
    check(
      resource?.modelId?.artifactVersion === '0.0.0',
      `register ${name}: artifactVersion ${resource?.modelId?.artifactVersion}`,
    );
    if (!resource) return;
    this.registrations.push({
      id: resource.id,
      name,
      version,
      state: resource,
      uploads: new Map(),
      deleted: false,
      uncertain: false,
    });
  }

  async update() {
    const target = this.pick(this.live());
    const body = this.registrationBody(target.name, target.version);
    body.description = `updated by client ${this.index} at ${Date.now()} #${Math.floor(this.random() * 1e9)}`;
    const response = await this.http.request('PUT', `${REGISTRATIONS}/${target.id}`, {
      body: Buffer.from(JSON.stringify(body)),
      headers: { 'content-type': 'application/json' },
    });
    if (!record('update', response)) {
      if (response.status === 0) target.uncertain = true;
      return;
    }
    const resource = json(response)?.modelinfo;
    // The acknowledged state is what the answer says; it must also be what was asked for.
    const expected = {
      ...body,
      id: target.id,
      modelId: { ...body.modelId, artifactVersion: target.state.modelId.artifactVersion },
    };
    check(
      isDeepStrictEqual(resource, expected),
      `update ${target.name}: answer ${JSON.stringify(resource)} differs from ${JSON.stringify(expected)}`,
    );
    target.state = resource ?? target.state;
  }

  zipBytes() {
    const size = 64 + Math.floor(this.random() * 48 * 1024);
    const bytes = randomBytes(size);
    bytes.write('PK\x03\x04', 0, 'latin1');
    return bytes;
  }

  multipart(bytes, fileName = 'model.zip') {
    const boundary = `----soak${randomBytes(8).toString('hex')}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/zip\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return {
      body: Buffer.concat([head, bytes, tail]),
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  }

  async upload() {
    const target = this.pick(this.live());
    const bytes = this.zipBytes();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { body, contentType } = this.multipart(bytes);
    const response = await this.http.request('POST', `${UPLOAD}/${target.name}/${target.version}`, {
      body,
      headers: { 'content-type': contentType },
    });
    if (!record('upload', response)) {
      if (response.status === 0) target.uncertain = true;
      return;
    }
    const answer = json(response);
    const resource = answer?.modelinfo;
    const artifactVersion = resource?.modelId?.artifactVersion;
    const previous = target.state.modelId.artifactVersion;
    check(answer?.code === 200, `upload ${target.name}: code ${answer?.code}`);
    check(
      artifactVersion === nextVersion(previous),
      `upload ${target.name}: version ${artifactVersion} after ${previous}`,
    );
    check(
      isDeepStrictEqual(resource, { ...target.state, modelId: { ...target.state.modelId, artifactVersion } }),
      `upload ${target.name}: modelinfo ${JSON.stringify(resource)} is not the acknowledged state with the new version`,
    );
    if (typeof artifactVersion !== 'string') return;
    target.uploads.set(artifactVersion, { sha256, size: bytes.length });
    target.state = resource;
  }

  async badUpload() {
    const target = this.pick(this.live());
    const bytes = randomBytes(256 + Math.floor(this.random() * 4096));
    bytes.write('NOPE', 0, 'latin1');
    const { body, contentType } = this.multipart(bytes);
    const response = await this.http.request('POST', `${UPLOAD}/${target.name}/${target.version}`, {
      body,
      headers: { 'content-type': contentType },
    });
    if (!record('badUpload', response) && response.status === 0) target.uncertain = true;
    if (response.status === 200) {
      // Acknowledged after all: keep the ledger exact, the unexpected 200 is already counted.
      const resource = json(response)?.modelinfo;
      if (resource) {
        target.uploads.set(resource.modelId.artifactVersion, {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: bytes.length,
        });
        target.state = resource;
      }
    }
  }

  async download() {
    const target = this.pick(this.live().filter((r) => r.uploads.size > 0));
    const artifactVersion = this.pick([...target.uploads.keys()]);
    const response = await this.http.request('GET', downloadPath(target, artifactVersion));
    if (!record('download', response)) return;
    const actual = createHash('sha256').update(response.body).digest('hex');
    check(
      actual === target.uploads.get(artifactVersion).sha256,
      `download ${target.name} ${artifactVersion}: sha256 ${actual} differs from the acknowledged upload`,
    );
  }

  async delete() {
    const target = this.pick(this.live());
    const response = await this.http.request('DELETE', `${REGISTRATIONS}/${target.id}`);
    if (!record('delete', response)) {
      if (response.status === 0) target.uncertain = true;
      return;
    }
    target.deleted = true;
  }

  async discovery() {
    const target = this.pick(this.live());
    // The Training Manager's form has a trailing slash; both must work.
    const path = `${DISCOVERY}${this.random() < 0.5 ? '/' : ''}?model-name=${target.name}&model-version=${target.version}`;
    const response = await this.http.request('GET', path);
    if (!record('discovery', response)) return;
    const list = json(response);
    check(
      Array.isArray(list) && list.length === 1 && isDeepStrictEqual(list[0], target.state),
      `discovery ${target.name}: ${response.body.toString('utf8').slice(0, 300)} is not the acknowledged state`,
    );
  }

  async discoveryDeleted() {
    const target = this.pick(this.registrations.filter((r) => r.deleted));
    const response = await this.http.request(
      'GET',
      `${DISCOVERY}?model-name=${target.name}&model-version=${target.version}`,
    );
    record('discoveryDeleted', response);
  }
}
/** Registrations answered with something else than 201: none of them may have left a row. */
const refusedRegistrations = [];

function downloadPath(registration, artifactVersion) {
  return `${DOWNLOAD}/${registration.name}/${registration.version}/${artifactVersion}/model.zip`;
}

/** The upstream rule: 0.0.0 → 1.0.0, then x.y.z → x.(y+1).z (no updateArtifact in this soak). */
function nextVersion(current) {
  const [major, minor, patch] = current.split('.').map(Number);
  if (major === 0 && minor === 0 && patch === 0) return '1.0.0';
  return `${major}.${minor + 1}.${patch}`;
}

// ---------------------------------------------------------------------------------------------
// Verification against the API, the SQL rows and the files.

async function verify(http, db, artifactsRoot, registrations) {
  const byId = new Map(registrations.filter((r) => r.id).map((r) => [r.id, r]));
  const certain = registrations.filter((r) => !r.uncertain);
  const live = certain.filter((r) => !r.deleted);
  const deleted = certain.filter((r) => r.deleted);

  // 1. The API: every live registration exactly as last acknowledged; every deleted one 404.
  await inParallel(CLIENTS, live, async (r) => {
    const response = await http.request('GET', `${REGISTRATIONS}/${r.id}`);
    check(
      response.status === 200 && isDeepStrictEqual(json(response), r.state),
      `GET ${r.id} (${r.name}): ${response.status} ${response.body?.toString('utf8').slice(0, 300)} differs from the ledger`,
    );
  });
  await inParallel(CLIENTS, deleted, async (r) => {
    const response = await http.request('GET', `${REGISTRATIONS}/${r.id}`);
    check(response.status === 404, `GET deleted ${r.id} (${r.name}): ${response.status}`);
  });

  // 2. The rows.
  const rows = (
    await db.query(
      `SELECT id, model_name, model_version, artifact_version, description, author, owner,
              input_data_type, output_data_type, model_location FROM model_related_informations`,
    )
  ).rows;
  const environments = (
    await db.query(
      `SELECT model_related_information_id AS owner_id, platform_name, environment_type, dependency_list
       FROM target_environments ORDER BY model_related_information_id, position, id`,
    )
  ).rows;
  const artifactRows = (
    await db.query(
      `SELECT model_related_information_id AS owner_id, artifact_version, storage_key, size_bytes, sha256
       FROM model_artifacts`,
    )
  ).rows;
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const environmentsById = groupBy(environments, (row) => row.owner_id);
  const artifactsById = groupBy(artifactRows, (row) => row.owner_id);

  for (const r of live) {
    const row = rowById.get(r.id);
    const fromSql = row && {
      id: row.id,
      modelId: {
        modelName: row.model_name,
        modelVersion: row.model_version,
        artifactVersion: row.artifact_version,
      },
      description: row.description,
      modelInformation: {
        metadata: { author: row.author, owner: row.owner },
        inputDataType: row.input_data_type,
        outputDataType: row.output_data_type,
        targetEnvironment: (environmentsById.get(r.id) ?? []).map((e) => ({
          platformName: e.platform_name,
          environmentType: e.environment_type,
          dependencyList: e.dependency_list,
        })),
      },
      modelLocation: row.model_location,
    };
    check(
      isDeepStrictEqual(fromSql, r.state),
      `SQL ${r.id} (${r.name}): ${JSON.stringify(fromSql)} differs from the ledger ${JSON.stringify(r.state)}`,
    );

    // Artifact records: exactly the acknowledged uploads, same sha256 and size, in the nested layout.
    const recorded = new Map((artifactsById.get(r.id) ?? []).map((a) => [a.artifact_version, a]));
    check(
      recorded.size === r.uploads.size,
      `artifacts of ${r.name}: ${recorded.size} rows for ${r.uploads.size} acknowledged uploads (${[...recorded.keys()].join(',')} vs ${[...r.uploads.keys()].join(',')})`,
    );
    for (const [artifactVersion, upload] of r.uploads) {
      const a = recorded.get(artifactVersion);
      check(
        a &&
          a.sha256 === upload.sha256 &&
          Number(a.size_bytes) === upload.size &&
          a.storage_key === `${r.name}/${r.version}/${artifactVersion}/model.zip`,
        `artifact ${r.name} ${artifactVersion}: row ${JSON.stringify(a)} differs from the acknowledged upload ${JSON.stringify(upload)}`,
      );
    }
  }
  for (const r of deleted) {
    check(
      !rowById.has(r.id) && !environmentsById.has(r.id) && !artifactsById.has(r.id),
      `deleted ${r.id} (${r.name}) left rows behind`,
    );
  }
  // No row the ledger does not know of (refused or never-acknowledged writes left nothing).
  const strays = rows.filter((row) => !byId.has(row.id) || byId.get(row.id).deleted);
  const uncertainIds = new Set(registrations.filter((r) => r.uncertain).map((r) => r.id));
  const uncertainNames = new Set(
    registrations.filter((r) => r.uncertain && !r.id).map((r) => `${r.name}/${r.version}`),
  );
  const unexplained = strays.filter(
    (row) => !uncertainIds.has(row.id) && !uncertainNames.has(`${row.model_name}/${row.model_version}`),
  );
  check(
    unexplained.length === 0,
    `${unexplained.length} registration rows the ledger never acknowledged: ${unexplained
      .slice(0, 5)
      .map((row) => row.model_name)
      .join(', ')}`,
  );
  const orphanEnvironments = environments.filter((e) => !rowById.has(e.owner_id));
  check(
    orphanEnvironments.length === 0,
    `${orphanEnvironments.length} target_environments rows without a registration`,
  );

  // 3. Downloads: every acknowledged upload of a live registration, byte-exact.
  const downloads = live.flatMap((r) =>
    [...r.uploads].map(([artifactVersion, upload]) => ({ r, artifactVersion, upload })),
  );
  await inParallel(CLIENTS, downloads, async ({ r, artifactVersion, upload }) => {
    const response = await http.request('GET', downloadPath(r, artifactVersion));
    const actual =
      response.status === 200 ? createHash('sha256').update(response.body).digest('hex') : undefined;
    check(
      actual === upload.sha256 && response.body.length === upload.size,
      `download ${r.name} ${artifactVersion}: ${response.status}, sha256 ${actual}`,
    );
  });
  for (const r of deleted) {
    for (const artifactVersion of r.uploads.keys()) {
      const response = await http.request('GET', downloadPath(r, artifactVersion));
      check(response.status === 404, `download of deleted ${r.name} ${artifactVersion}: ${response.status}`);
    }
  }

  // 4. Files ↔ records: every object has a record, every record an object (`.incoming/` must be empty).
  const files = new Set(
    (await listFiles(artifactsRoot)).map((path) => relative(artifactsRoot, path).split(sep).join('/')),
  );
  const keys = new Set(artifactRows.map((a) => a.storage_key));
  const unrecorded = [...files].filter((file) => !keys.has(file));
  const missing = [...keys].filter((key) => !files.has(key));
  check(
    unrecorded.length === 0,
    `${unrecorded.length} files under DATA_DIR/artifacts without a record: ${unrecorded.slice(0, 5).join(', ')}`,
  );
  check(
    missing.length === 0,
    `${missing.length} artifact records without a file: ${missing.slice(0, 5).join(', ')}`,
  );

  return {
    registrationsLive: live.length,
    registrationsDeleted: deleted.length,
    registrationsUncertain: registrations.length - certain.length,
    uploadsAcknowledged: certain.reduce((sum, r) => sum + r.uploads.size, 0),
    rows: rows.length,
    artifactRows: artifactRows.length,
    files: files.size,
  };
}

function groupBy(rows, key) {
  const map = new Map();
  for (const row of rows) {
    const k = key(row);
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(row);
  }
  return map;
}

async function listFiles(directory) {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  const files = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}

async function inParallel(limit, items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The service, its database and the run.

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'main.js'))) {
    buildService(ROOT);
  }
  const work = await mkdtemp(join(tmpdir(), 'mms-soak-'));
  const dataDir = join(work, 'data');
  const databaseName = `mms_soak_${randomBytes(6).toString('hex')}`;
  const databaseUrl = new URL(SERVER_URL);
  databaseUrl.pathname = `/${databaseName}`;
  await admin((client) => client.query(`CREATE DATABASE "${databaseName}"`));

  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
  };
  for (const name of [
    'PG_HOST',
    'S3_URL',
    'S3_BUCKET',
    'MMES_URL',
    'API_KEYS',
    'MAX_UPLOAD_BYTES',
    'DB_POOL_SIZE',
  ])
    delete env[name];
  const logPath = join(work, 'service.log');
  const log = createWriteStream(logPath);
  const server = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const http = new HttpClient(base, { maxSockets: CLIENTS + 4, timeoutMs: TIMEOUT_MS });
  const db = new pg.Client({ connectionString: databaseUrl.toString() });

  let report;
  try {
    await waitReady(base, exited);
    console.log(
      `soak: ${CLIENTS} clients for ${SECONDS} s against ${base} (database ${databaseName}, seed ${SEED})`,
    );

    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    const stopSignal = { stopped: false };
    const clients = Array.from({ length: CLIENTS }, (_, i) => new SoakClient(i, http, deadline));
    const progress = setInterval(() => {
      const total = Object.values(stats.ops).reduce((sum, o) => sum + o.count, 0);
      console.log(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${total} requests, ${stats.fiveXx} 5xx, ${stats.unexpectedCount} unexpected`,
      );
    }, 10_000);
    const running = Promise.all(clients.map((client) => client.run(stopSignal)));
    let hardStopped = false;
    await Promise.race([
      running,
      new Promise((resolve) =>
        setTimeout(
          () => {
            hardStopped = true;
            stopSignal.stopped = true;
            resolve();
          },
          SECONDS * 1000 + HARD_STOP_GRACE_MS,
        ).unref(),
      ),
    ]);
    clearInterval(progress);
    const durationSeconds = (Date.now() - started) / 1000;
    if (hardStopped) {
      // Requests still hanging past their own timeout: cut them; their writes are uncertain.
      http.close();
      check(false, `hard stop: clients still busy ${HARD_STOP_GRACE_MS} ms after the deadline`);
      await running;
    }

    await db.connect();
    const registrations = clients.flatMap((client) => client.registrations);
    const refused = refusedRegistrations;
    const verifyStarted = Date.now();
    const verification = await verify(http, db, join(dataDir, 'artifacts'), registrations);
    // Refused registrations (409/400) must have left no row under that name.
    for (const { name, version } of refused) {
      const { rows } = await db.query(
        'SELECT 1 FROM model_related_informations WHERE model_name = $1 AND model_version = $2',
        [name, version],
      );
      check(rows.length === 0, `refused registration ${name} ${version} left a row`);
    }
    verification.seconds = (Date.now() - verifyStarted) / 1000;

    const totalRequests = Object.values(stats.ops).reduce((sum, o) => sum + o.count, 0);
    report = {
      node: process.version,
      date: new Date().toISOString(),
      clients: CLIENTS,
      seconds: SECONDS,
      seed: SEED,
      durationSeconds,
      totalRequests,
      requestsPerSecond: round(totalRequests / durationSeconds),
      operations: Object.fromEntries(
        MIX.map(([op]) => op)
          .filter((op) => stats.ops[op])
          .map((op) => {
            const sorted = [...stats.ops[op].latencies].sort((a, b) => a - b);
            return [
              op,
              {
                count: stats.ops[op].count,
                p50ms: round(quantile(sorted, 0.5)),
                p99ms: round(quantile(sorted, 0.99)),
                maxMs: round(sorted.at(-1)),
              },
            ];
          }),
      ),
      statuses: stats.statuses,
      fiveXx: stats.fiveXx,
      networkFailures: stats.networkFailures,
      unexpectedAnswers: stats.unexpectedCount,
      unexpectedSamples: stats.unexpected,
      hardStopped,
      verification,
      ledgerChecks: { passed: checks.passed, failed: checks.failed },
      ledgerFailures: checks.failures,
    };
  } finally {
    await db.end().catch(() => undefined);
    http.close();
    const stopStarted = Date.now();
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    const exit = await exited;
    clearTimeout(timer);
    if (report) report.serviceExit = { ...exit, shutdownMs: Date.now() - stopStarted };
    log.end();
    const serviceLog = await readFile(logPath, 'utf8').catch(() => '');
    if (report) report.serviceLog = summarizeLog(serviceLog);
    await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
    await writeFile(join(ROOT, 'bench', 'results', 'soak-service.log'), serviceLog);
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`)).catch(
      (error) => console.error(`could not drop ${databaseName}: ${error.message}`),
    );
    await rm(work, { recursive: true, force: true });
  }

  printReport(report);
  const output = join(ROOT, 'bench', 'results', 'soak.json');
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${output}`);
  const failed = report.fiveXx > 0 || report.unexpectedAnswers > 0 || checks.failed > 0;
  console.log(`soak: ${checks.passed} passed, ${checks.failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

/** Log lines by level, and the distinct messages (with a sample line each) of warnings and errors. */
function summarizeLog(text) {
  const levels = {};
  const messages = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let level = 'text';
    let message = line.slice(0, 200);
    let entry;
    try {
      entry = JSON.parse(line);
      level = String(entry.level);
      message = String(entry.msg ?? '').slice(0, 200);
    } catch {
      /* not JSON */
    }
    levels[level] = (levels[level] ?? 0) + 1;
    if (level === '30' || level === '20' || level === '10') continue;
    const key = `${level} ${message}`;
    messages[key] ??= { count: 0, sample: errorOf(entry) ?? line.slice(0, 600) };
    messages[key].count += 1;
  }
  return { lines: levels, messages };
}

function errorOf(entry) {
  const err = entry?.err ?? entry?.error;
  if (!err) return undefined;
  return JSON.stringify({
    type: err.type,
    message: err.message,
    code: err.code,
    stack: err.stack?.split('\n').slice(0, 6).join(' | '),
  }).slice(0, 1200);
}

function printReport(r) {
  console.log(
    `\nduration ${r.durationSeconds.toFixed(1)} s, ${r.totalRequests} requests, ${r.requestsPerSecond} req/s (${r.clients} clients)`,
  );
  console.log('operation           count     p50 ms    p99 ms    max ms');
  for (const [op, o] of Object.entries(r.operations)) {
    console.log(
      `${op.padEnd(18)} ${String(o.count).padStart(6)} ${String(o.p50ms).padStart(10)} ${String(o.p99ms).padStart(9)} ${String(o.maxMs).padStart(9)}`,
    );
  }
  console.log(
    `statuses: ${Object.entries(r.statuses)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  console.log(
    `5xx: ${r.fiveXx}, network failures: ${r.networkFailures}, unexpected answers: ${r.unexpectedAnswers}`,
  );
  for (const sample of r.unexpectedSamples) console.log(`  unexpected: ${JSON.stringify(sample)}`);
  const v = r.verification;
  console.log(
    `ledger: ${v.registrationsLive} live, ${v.registrationsDeleted} deleted, ${v.registrationsUncertain} uncertain registrations; ${v.uploadsAcknowledged} uploads; ${v.rows} rows, ${v.artifactRows} artifact rows, ${v.files} files (verified in ${v.seconds.toFixed(1)} s)`,
  );
  console.log(`ledger checks: ${r.ledgerChecks.passed} passed, ${r.ledgerChecks.failed} failed`);
  for (const failure of r.ledgerFailures) console.log(`  mismatch: ${failure}`);
  console.log(
    `service: exit ${JSON.stringify(r.serviceExit)}, log lines by level ${JSON.stringify(r.serviceLog.lines)}`,
  );
  for (const [message, { count }] of Object.entries(r.serviceLog.messages))
    console.log(`  log ${count}× level ${message}`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(value) {
  return Math.round(value * 10) / 10;
}

async function admin(work) {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function waitReady(base, exited) {
  const deadline = Date.now() + 90_000;
  let lastError;
  let exit;
  exited.then((value) => (exit = value));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`the service exited before it was ready: ${JSON.stringify(exit)}`);
    try {
      const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `status ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the service was not ready within 90 s (${lastError})`);
}

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return value;
}

main().catch((error) => {
  console.error(error);
  console.log(`soak: ${checks.passed} passed, ${checks.failed + 1} failed`);
  process.exitCode = 1;
});
