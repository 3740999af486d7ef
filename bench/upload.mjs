#!/usr/bin/env node
// Upload benchmark: streams a large ZIP-looking file to the real service (filesystem store, embedded
// database), samples the server's RSS while it uploads, downloads it back and checks the SHA-256, and
// compares the upload time with copying the same file on disk (fs.copyFile) and with two hand-written
// floors (bench/upload-floor-server.mjs): the body piped to a file ("bare"), and the same multipart
// parsing, SHA-256 and file write as the service without anything else ("work").
//
//   npm run bench:upload [-- sizeMiB ...]      (default: BENCH_UPLOAD_SIZES_MB or 256,1024)
//
// Through npm, so that the service gets the V8 setting of .npmrc, as deployed.
//
// Each size runs BENCH_UPLOAD_ROUNDS rounds (default 3) of "copy, upload, bare floor, work floor", back to back
// and under the same conditions: dirty pages are flushed (sync) before each timed step and both outputs are
// removed after it, so no step pays for the other's writeback or page-cache growth. On a VM the
// cost of fresh page-cache pages varies a lot from one second to the next; medians absorb that.
//
// Writes bench/results/upload.json.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildService, freePort } from './support.mjs';

const MiB = 1024 * 1024;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE_MS = 50;
const ROUNDS = Math.max(1, Number(process.env.BENCH_UPLOAD_ROUNDS ?? 3));

const sizesMiB = (process.argv.slice(2).length > 0
  ? process.argv.slice(2)
  : (process.env.BENCH_UPLOAD_SIZES_MB ?? '256,1024').split(',')
)
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isFinite(value) && value > 0);

async function main() {
  // Always: a dist/ from an older checkout may lack files this one needs.
  buildService(ROOT);
  const work = await mkdtemp(join(tmpdir(), 'mms-bench-upload-'));
  const port = await freePort();
  const maxBytes = Math.max(...sizesMiB) * MiB + MiB;
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(work, 'data'), MAX_UPLOAD_BYTES: String(maxBytes), LOG_LEVEL: 'warn' };
  // Embedded database and filesystem store, whatever the caller's shell has configured.
  for (const name of ['DATABASE_URL', 'PG_HOST', 'S3_URL', 'S3_BUCKET', 'MMES_URL']) delete env[name];
  const server = spawn(process.execPath, ['dist/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const floorPort = await freePort();
  await mkdir(join(work, 'floor'));
  const floor = spawn(process.execPath, [join(ROOT, 'bench', 'upload-floor-server.mjs')], {
    env: { ...process.env, PORT: String(floorPort), DIR: join(work, 'floor') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  const results = [];
  try {
    await waitReady(base, server);
    await registerModel(base);
    for (const sizeMiB of sizesMiB) {
      results.push(await benchOne(base, floorUrl, server.pid, work, sizeMiB));
      console.log(`  ${sizeMiB} MiB done`);
    }
  } finally {
    floor.kill('SIGTERM');
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(work, { recursive: true, force: true });
  }
  printTable(results);
  const output = join(ROOT, 'bench', 'results', 'upload.json');
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, `${JSON.stringify({ node: process.version, client: CLIENT, date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`\nwrote ${output}`);
  const worst = Math.max(...results.map((r) => r.rssGrowthMiB));
  if (worst >= 100 || results.some((r) => !r.downloadMatches)) process.exitCode = 1;
}

async function benchOne(base, floorUrl, pid, work, sizeMiB) {
  const file = join(work, `upload-${sizeMiB}.zip`);
  const copy = join(work, 'copy.zip');
  const sha256 = await writeZipLike(file, sizeMiB * MiB);
  const rounds = [];
  let downloadSeconds;
  let downloadMatches = true;
  for (let round = 0; round < ROUNDS; round += 1) {
    flushDirtyPages();
    const copySeconds = await timed(() => copyFile(file, copy));
    await rm(copy);

    flushDirtyPages();
    const baselineKiB = Math.max(...(await sampleRss(pid, 300)));
    const sampler = startSampler(pid);
    let upload;
    const uploadSeconds = await timed(async () => {
      upload = await uploadFile(`${base}/ai-ml-model-registration/v1/uploadModel/bench-model/1`, file, sizeMiB * MiB);
    });
    const peakKiB = Math.max(baselineKiB, ...sampler.stop());
    if (upload.status !== 200) throw new Error(`upload answered ${upload.status}: ${upload.body}`);

    if (round === 0) {
      const artifactVersion = JSON.parse(upload.body).modelinfo.modelId.artifactVersion;
      let downloaded;
      downloadSeconds = await timed(async () => {
        downloaded = await downloadHash(`${base}/ai-ml-model-registration/v1/downloadModel/bench-model/1/${artifactVersion}/model.zip`);
      });
      downloadMatches = downloaded === sha256;
    }
    // Deleting the registration deletes its archive: the next round starts from the same state.
    await resetModel(base);

    const floorSeconds = await timedFloorUpload(`${floorUrl}/raw`, file, sizeMiB);
    const workFloorSeconds = await timedFloorUpload(`${floorUrl}/work`, file, sizeMiB);
    rounds.push({ copySeconds, uploadSeconds, floorSeconds, workFloorSeconds, idleRssKiB: baselineKiB, rssGrowthKiB: peakKiB - baselineKiB });
  }
  await rm(file);

  const uploadSeconds = median(rounds.map((r) => r.uploadSeconds));
  const copySeconds = median(rounds.map((r) => r.copySeconds));
  const floorSeconds = median(rounds.map((r) => r.floorSeconds));
  const workFloorSeconds = median(rounds.map((r) => r.workFloorSeconds));
  return {
    sizeMiB,
    rounds: rounds.length,
    uploadSeconds: round2(uploadSeconds),
    uploadMiBps: round2(sizeMiB / uploadSeconds),
    diskCopySeconds: round2(copySeconds),
    diskCopyMiBps: round2(sizeMiB / copySeconds),
    // Per round, copy and upload ran back to back: the median of their ratios is the steadiest figure.
    uploadVsCopy: round2(median(rounds.map((r) => r.uploadSeconds / r.copySeconds))),
    floorSeconds: round2(floorSeconds),
    floorVsCopy: round2(median(rounds.map((r) => r.floorSeconds / r.copySeconds))),
    uploadVsFloor: round2(median(rounds.map((r) => r.uploadSeconds / r.floorSeconds))),
    workFloorSeconds: round2(workFloorSeconds),
    workFloorVsCopy: round2(median(rounds.map((r) => r.workFloorSeconds / r.copySeconds))),
    uploadVsWorkFloor: round2(median(rounds.map((r) => r.uploadSeconds / r.workFloorSeconds))),
    downloadSeconds: round2(downloadSeconds),
    downloadMiBps: round2(sizeMiB / downloadSeconds),
    downloadMatches,
    idleRssMiB: round2(Math.min(...rounds.map((r) => r.idleRssKiB)) / 1024),
    rssGrowthMiB: round2(Math.max(...rounds.map((r) => r.rssGrowthKiB)) / 1024),
    perRound: rounds.map((r) => ({
      uploadSeconds: round2(r.uploadSeconds),
      diskCopySeconds: round2(r.copySeconds),
      floorSeconds: round2(r.floorSeconds),
      workFloorSeconds: round2(r.workFloorSeconds),
      rssGrowthMiB: round2(r.rssGrowthKiB / 1024),
    })),
  };
}

async function timedFloorUpload(url, file, sizeMiB) {
  flushDirtyPages();
  let answer;
  const seconds = await timed(async () => {
    answer = await uploadFile(url, file, sizeMiB * MiB);
  });
  if (answer.status !== 200) throw new Error(`the floor server answered ${answer.status}: ${answer.body}`);
  return seconds;
}

/** Writes dirty pages out so the next timed step does not pay for the previous one's writeback. */
function flushDirtyPages() {
  execFileSync('sync');
}

async function timed(action) {
  const started = process.hrtime.bigint();
  await action();
  return seconds(started);
}

/** `size` random bytes behind a ZIP signature, written 1 MiB at a time; returns its SHA-256. */
async function writeZipLike(path, size) {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let written = 0; written < size; ) {
    const chunk = randomBytes(Math.min(MiB, size - written));
    if (written === 0) chunk.write('PK\x03\x04', 0, 'latin1');
    hash.update(chunk);
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

/**
 * The client shares the two cores with the service, so its own cost shows in the upload time: curl
 * (what operators use) costs about half the CPU of a Node client doing the same. Node is the fallback.
 */
const CLIENT = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0 ? 'curl' : 'node';

function uploadFile(url, path, size) {
  return CLIENT === 'curl' ? uploadWithCurl(url, path) : uploadWithNode(url, path, size);
}

async function uploadWithCurl(url, path) {
  const output = `${path}.response`;
  const curl = spawn(
    'curl',
    ['-sS', '-o', output, '-w', '%{http_code}', '-F', `file=@${path};filename=model.zip;type=application/zip`,
      url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [status, exitCode] = await Promise.all([collect(curl.stdout), new Promise((resolve) => curl.once('exit', resolve))]);
  if (exitCode !== 0) throw new Error(`curl exited with ${exitCode}`);
  const body = await readFile(output, 'utf8');
  await rm(output);
  return { status: Number(status), body };
}

/** A streaming multipart/form-data POST: the file is piped, never held in memory. */
function uploadWithNode(url, path, size) {
  const boundary = `----mms-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\nContent-Type: application/zip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + size + tail.length },
    });
    req.on('response', (response) => collect(response).then((body) => resolve({ status: response.statusCode, body }), reject));
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path, { highWaterMark: MiB });
    file.on('error', reject);
    file.pipe(req, { end: false });
    file.on('end', () => req.end(tail));
  });
}

function downloadHash(url) {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`download answered ${response.statusCode}`));
      const hash = createHash('sha256');
      response.on('data', (chunk) => hash.update(chunk));
      response.on('end', () => resolve(hash.digest('hex')));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function resetModel(base) {
  const found = await fetch(`${base}/ai-ml-model-discovery/v1/models?model-name=bench-model&model-version=1`);
  const [model] = await found.json();
  const deleted = await fetch(`${base}/ai-ml-model-registration/v1/model-registrations/${model.id}`, { method: 'DELETE' });
  if (deleted.status !== 204) throw new Error(`delete answered ${deleted.status}`);
  await registerModel(base);
}

async function registerModel(base) {
  const body = JSON.stringify({
    modelId: { modelName: 'bench-model', modelVersion: '1' },
    description: 'upload benchmark',
    modelInformation: { metadata: { author: 'bench' }, inputDataType: 'x', outputDataType: 'y' },
  });
  const response = await fetch(`${base}/ai-ml-model-registration/v1/model-registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
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
    await sleep(200);
  }
  throw new Error('the service did not become ready within 120 s');
}

async function readRssKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)[1]);
}

async function sampleRss(pid, durationMs) {
  const samples = [];
  for (const end = Date.now() + durationMs; Date.now() < end; await sleep(SAMPLE_MS)) samples.push(await readRssKiB(pid));
  return samples;
}

function startSampler(pid) {
  const samples = [];
  const timer = setInterval(() => {
    readRssKiB(pid).then((kib) => samples.push(kib), () => undefined);
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function printTable(results) {
  const rows = [
    ['size MiB', 'rounds', 'upload s', 'upload MiB/s', 'disk copy s', 'upload/copy', 'bare floor s', 'bare/copy', 'work floor s', 'work/copy', 'upload/work', 'download s', 'sha256 ok', 'RSS growth MiB'],
    ...results.map((r) => [r.sizeMiB, r.rounds, r.uploadSeconds, r.uploadMiBps, r.diskCopySeconds, `${r.uploadVsCopy}x`, r.floorSeconds, `${r.floorVsCopy}x`, r.workFloorSeconds, `${r.workFloorVsCopy}x`, `${r.uploadVsWorkFloor}x`, r.downloadSeconds, r.downloadMatches, r.rssGrowthMiB]),
  ].map((row) => row.map(String));
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`\nupload client: ${CLIENT}`);
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padStart(widths[column])).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;
const round2 = (value) => Math.round(value * 100) / 100;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
