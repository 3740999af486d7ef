#!/usr/bin/env node
// Large-listing benchmark (issue 11): 60 registrations of ~800 KB each (64 target environments of
// 4,096-character strings, all within the API's limits) make a ~45 MiB discovery answer. Measures,
// per case, the service's peak RSS (the kernel's VmHWM, reset before each case through clear_refs),
// the wall time and the bytes answered. The chart limits the pod to 512 MiB.
//
//   npm run bench:listing        (DATABASE_URL: on that server, in a fresh database; else embedded)
//
// Through npm, so that the service gets the V8 setting of .npmrc, as deployed.
// Writes bench/results/large-listing.json.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildService, freePort } from './support.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODELS = 60;
const DISCOVERY = '/ai-ml-model-discovery/v1/models';
const MODEL_INFO = '/ai-ml-model-registration/v1/getModelInfo/large-07';
const CASES = [
  { name: 'one full listing', paths: [DISCOVERY] },
  { name: 'one getModelInfo', paths: [MODEL_INFO] },
  { name: 'four full listings + getModelInfo, concurrent', paths: [DISCOVERY, DISCOVERY, DISCOVERY, DISCOVERY, MODEL_INFO] },
];

function registration(index) {
  const text = (tag) => `${tag}-${index}-`.padEnd(4096, 'x');
  return {
    modelId: { modelName: `large-${String(index).padStart(2, '0')}`, modelVersion: '1' },
    description: 'large listing benchmark',
    modelInformation: {
      metadata: { author: 'bench', owner: 'bench' },
      inputDataType: 'i',
      outputDataType: 'o',
      targetEnvironment: Array.from({ length: 64 }, (_, k) => ({
        platformName: text(`p${k}`),
        environmentType: text(`e${k}`),
        dependencyList: text(`d${k}`),
      })),
    },
  };
}

async function memoryMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function runCase(base, pid, { name, paths }) {
  await writeFile(`/proc/${pid}/clear_refs`, '5'); // peak RSS starts from the current RSS
  const before = await memoryMiB(pid);
  const started = performance.now();
  const sizes = await Promise.all(
    paths.map(async (path) => {
      const answer = await fetch(`${base}${path}`);
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
      return (await answer.arrayBuffer()).byteLength;
    }),
  );
  const ms = performance.now() - started;
  const after = await memoryMiB(pid);
  const result = {
    case: name,
    wallMs: Math.round(ms),
    answerMiB: sizes.map((bytes) => +(bytes / 2 ** 20).toFixed(1)),
    rssBeforeMiB: Math.round(before.rss),
    peakRssMiB: Math.round(after.peak),
  };
  console.log(
    `${name}: ${result.wallMs} ms, answers ${result.answerMiB.join(' + ')} MiB, ` +
      `RSS ${result.rssBeforeMiB} → peak ${result.peakRssMiB} MiB`,
  );
  return result;
}

async function main() {
  buildService(ROOT);
  const work = await mkdtemp(join(tmpdir(), 'mms-bench-listing-'));
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(await freePort()), DATA_DIR: work, LOG_LEVEL: 'warn' };
  for (const name of ['PG_HOST', 'S3_URL', 'S3_BUCKET', 'MMES_URL', 'API_KEYS']) delete env[name];
  let dropDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const database = `mms_bench_listing_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.end();
    };
  }
  const server = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://${env.HOST}:${env.PORT}`;
  try {
    await waitReady(base, server);
    for (let index = 0; index < MODELS; index++) {
      const answer = await fetch(`${base}/ai-ml-model-registration/v1/model-registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registration(index)),
      });
      if (answer.status !== 201) throw new Error(`registration ${index}: ${answer.status}`);
    }
    const store = process.env.DATABASE_URL ? 'postgresql' : 'embedded';
    console.log(`${MODELS} registrations of ~800 KB on the ${store} store`);
    const results = [];
    for (const benchCase of CASES) results.push(await runCase(base, server.pid, benchCase));
    await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
    const output = { at: new Date().toISOString(), store, models: MODELS, results };
    await writeFile(join(ROOT, 'bench', 'results', 'large-listing.json'), `${JSON.stringify(output, null, 2)}\n`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
    await dropDatabase();
    await rm(work, { recursive: true, force: true });
  }
}

async function waitReady(base, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the service did not become ready within 120 s');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
