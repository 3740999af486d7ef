#!/usr/bin/env node
// Upload benchmark: streams a large ZIP-looking file (curl, else a Node client) to ours and to the
// upstream Go service (when present: ../shared/peers/go-mme), both on PostgreSQL and storing the
// archive in the same local S3 server (s3rver, a child process); per upload it measures the wall time,
// the server's CPU-s (utime + stime from /proc) and its RSS growth, downloads our archive back once
// and checks the SHA-256. For reference, per round: fs.copyFile of the file, and two hand-written
// floors (bench/upload-floor-server.mjs): the body piped to a file ("bare"), and the same multipart
// parsing, SHA-256 and file write as ours without anything else ("work").
//
//   npm run bench:upload [-- sizeMiB ...]      (default: BENCH_UPLOAD_SIZES_MB or 256,1024)
//
// Through npm, so that our service gets the V8 setting of .npmrc, as deployed.
//
// The Go service's HTTP server cuts every request after 10 s and it reads an upload whole into memory
// (a 1 GiB upload took 2.2 GiB of RSS and was cut here; 256 MiB took 5–7 s): it takes part only in
// sizes up to BENCH_UPLOAD_GO_MAX_MB (default 256), so the compared case finishes for both; an upload
// cut anyway is reported as cut, not as a figure.
//
// Environment (all optional):
//   DATABASE_URL             PostgreSQL server (fresh databases, dropped at the end); default
//                            postgres://postgres:postgres@127.0.0.1:5432/postgres
//   BENCH_UPLOAD_SIZES_MB    sizes in MiB (default 256,1024)
//   BENCH_UPLOAD_ROUNDS      rounds per size (default 3): dirty pages are flushed (sync) before each
//                            timed step and every output removed after it; medians absorb a busy VM
//   BENCH_UPLOAD_GO_MAX_MB   largest size the Go service takes part in (default 256)
//   BENCH_UPLOAD_STORE       s3 (default) or fs: ours alone on the embedded store with filesystem archives
//   BENCH_UPLOAD_FLOORS      0 leaves the floors out
//   BENCH_GO=0, BENCH_GO_PEER, BENCH_DIST, BENCH_VERBOSE as for `npm run bench`
//
// A quick end-to-end check: BENCH_UPLOAD_ROUNDS=1 npm run bench:upload -- 32 256
//
// Exits 1 when a download does not match or our RSS grows by 100 MiB or more (SPEC §9). Writes
// bench/results/upload.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serviceEntry } from './lib/build.mjs';
import { runMain, temporaryDirectory } from './lib/cleanup.mjs';
import { createDatabase } from './lib/databases.mjs';
import { RESULTS } from './lib/env.mjs';
import { findGoPeer } from './lib/go-peer.mjs';
import { runInfo } from './lib/run-info.mjs';
import { startGo, startOurs } from './lib/servers.mjs';
import { printTargets } from './lib/targets.mjs';
import { CLIENT } from './upload/client.mjs';
import { UPLOAD_CFG, UPLOAD_TARGETS } from './upload/config.mjs';
import { startUploadFloor } from './upload/floor.mjs';
import { registerModel } from './upload/models.mjs';
import { printUploads, uploadTargets } from './upload/report.mjs';
import { startS3 } from './upload/s3.mjs';
import { benchSize } from './upload/sizes.mjs';

const MiB = 1024 * 1024;

async function startServers(cfg, entry, work, peer) {
  const maxUpload = { MAX_UPLOAD_BYTES: String(Math.max(...cfg.sizesMiB) * MiB + MiB) };
  if (cfg.store === 'fs') {
    const ours = await startOurs({ main: entry, dataDir: join(work, 'data'), env: maxUpload });
    return { ours };
  }
  const s3 = await startS3(join(work, 's3'));
  const ours = await startOurs({
    main: entry,
    databaseUrl: (await createDatabase('upload')).url,
    env: { ...maxUpload, ...s3.env },
  });
  const go = peer.start
    ? await startGo({ peer, database: (await createDatabase('upload_go')).name, env: s3.env })
    : undefined;
  return { ours, go, s3 };
}

async function main() {
  const cfg = UPLOAD_CFG;
  // Always: a dist/ from an older checkout may lack files this one needs.
  const entry = serviceEntry({ always: true });
  const work = await temporaryDirectory('mms-bench-upload-');
  const peer = cfg.store === 's3' ? findGoPeer() : {};
  const goSkip =
    cfg.store !== 's3'
      ? 'BENCH_UPLOAD_STORE=fs (Go stores archives only in S3)'
      : peer.missing
        ? `no Go peer (${peer.missing})`
        : undefined;
  console.log(
    `bench:upload: sizes ${cfg.sizesMiB.join(', ')} MiB, ${cfg.rounds} round(s), client ${CLIENT}, ` +
      `${cfg.store === 's3' ? 'PostgreSQL + local S3 (s3rver)' : 'embedded store + filesystem archives'}`,
  );
  console.log(
    goSkip
      ? `Go peer: SKIPPED — ${goSkip}`
      : `Go peer: ${peer.dir} (sizes up to ${cfg.goMaxMiB} MiB: it cuts requests after 10 s)`,
  );

  const { ours, go, s3 } = await startServers(cfg, entry, work, peer);
  ours.model = 'bench-upload-ours';
  if (go) go.model = 'bench-upload-go';
  await mkdir(join(work, 'floor'));
  const floor = await startUploadFloor(join(work, 'floor'));
  for (const server of [ours, go].filter(Boolean)) await registerModel(server);

  const results = [];
  for (const sizeMiB of cfg.sizesMiB)
    results.push(await benchSize({ work, ours, go, floor, s3, cfg }, sizeMiB, goSkip));
  const verdicts = uploadTargets(results, cfg.store);

  console.log(
    `\nupload client: ${CLIENT}; medians of ${cfg.rounds} round(s), RSS growth the largest; CPU-s of the server process until idle again:\n`,
  );
  printUploads(results);
  console.log('\ntargets:');
  printTargets(verdicts);

  const output = join(RESULTS, 'upload.json');
  await mkdir(RESULTS, { recursive: true });
  const out = {
    ...runInfo(),
    client: CLIENT,
    store: cfg.store,
    goPeer: peer.dir ?? null,
    goSkipped: goSkip ?? null,
    goMaxMiB: cfg.goMaxMiB,
    targets: UPLOAD_TARGETS,
    results,
    verdicts,
  };
  await writeFile(output, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${output}`);
  const worst = Math.max(...results.map((r) => r.servers.ours.rssGrowthMiB));
  if (worst >= UPLOAD_TARGETS.rssGrowthHardMiB || results.some((r) => r.download && !r.download.matches))
    process.exitCode = 1;
}

runMain('bench:upload', main);
