#!/usr/bin/env node
// HTTP benchmark of the registry (SPEC §9), three servers side by side in one run, on the same machine
// and PostgreSQL server: ours (dist/main.js), the raw floor (bench/baseline-server.mjs: node:http + pg,
// the same SQL and JSON, on our database) and the upstream Go service (../shared/peers/go-mme, on a
// database of its own, seeded through its own API) when it is present — skipped, saying so, when not.
//
//   npm run bench
//
// Environment (all optional):
//   DATABASE_URL      PostgreSQL server to use (fresh databases are created on it and dropped at the end);
//                     default postgres://postgres:postgres@127.0.0.1:5432/postgres
//   BENCH_MODELS      registrations seeded through each API (default 2000; 4 versions per name, 3 environments)
//   BENCH_SECONDS     measured seconds per case and server (default 5)
//   BENCH_WARMUP      warm-up seconds per case and server, not counted (default 1.5)
//   BENCH_CONNECTIONS autocannon connections (default 32)
//   BENCH_ROUNDS      rounds; the servers take turns within each, the order rotating (default 2; per
//                     server the better round is kept)
//   BENCH_LIST_CONNECTIONS connections for "list all" (default 4)
//   BENCH_STARTUP     0 skips the start-up series (PostgreSQL: ours and Go; ours on the embedded store)
//   BENCH_STARTS      restarts per start-up series on an already migrated database (default 5; median)
//   BENCH_GO          0 leaves the Go service out; BENCH_GO_PEER=dir uses another copy of it
//   BENCH_PAGINATION  unset: the pagination section runs when ours answers `page-size` with 200;
//                     1: same, a missing feature reported more loudly; 0: skip it
//   BENCH_PAGE_MODELS registrations of the large pagination data set (default 100000; small one: 1000)
//   BENCH_PAGE_CONNECTIONS connections for the pagination latency runs (default 8)
//   BENCH_SETTLE_MS   idle wait after the load before the settled RSS (default 40000, past our
//                     IDLE_MEMORY_RELEASE_MS of 30 s; 0 skips it)
//   BENCH_CPU_PROF    1: profile ours (V8 sampling profiler) during round 1 of every case; writes
//                     bench/results/prof/<case>.cpuprofile and prints the hottest functions
//   BENCH_BUILD       1: build even when dist/main.js exists
//   BENCH_DIST        compiled output to run instead of dist/, e.g. bench/results/dist (see bench/lib/build.mjs)
//   BENCH_VERBOSE     1: show the children's stderr
//   Our own variables reach our server as given, but for where it connects and listens and LOG_*
//   (bench/lib/servers.mjs): e.g. LISTING_CACHE_BYTES=0 measures list all read anew every time.
//
// A quick end-to-end check: BENCH_SECONDS=1 BENCH_WARMUP=0.5 BENCH_ROUNDS=1 BENCH_MODELS=200
// BENCH_STARTS=2 BENCH_PAGINATION=0 npm run bench
//
// Per case it prints req/s, p50/p99, CPU ms per request of each server process (utime + stime from
// /proc/<pid>/stat over the measured window, divided by the answers), the ratios ours/Go and
// ours/floor with a PASS/MISS column per target (bench/read/config.mjs), RSS after seeding, peak RSS
// and RSS settled after the load, start-up, and every target in one list; writes bench/results/latest.json.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serviceEntry } from './lib/build.mjs';
import { runMain } from './lib/cleanup.mjs';
import { connect, createDatabase } from './lib/databases.mjs';
import { RESULTS, ROOT } from './lib/env.mjs';
import { findGoPeer } from './lib/go-peer.mjs';
import { memoryMiB } from './lib/proc.mjs';
import { runInfo } from './lib/run-info.mjs';
import { startFloor, startGo, startOurs } from './lib/servers.mjs';
import { readCases } from './read/cases.mjs';
import { CFG, TARGETS } from './read/config.mjs';
import { evaluateCases, runTargets } from './read/evaluate.mjs';
import { pagination } from './read/pagination.mjs';
import { seedAndCheck } from './read/prepare.mjs';
import { readSettledRss } from './read/settled.mjs';
import { PROFILE_HOOK, profilerHooks, summarizeProfile } from './read/profile.mjs';
import {
  printAllTargets,
  printCases,
  printMemory,
  printPagination,
  printProfiles,
  printStartup,
} from './read/report.mjs';
import { runRounds } from './read/rounds.mjs';
import { embeddedStartup, startupSeries } from './read/startup.mjs';

const PROF_DIR = join(RESULTS, 'prof');

async function measureStartup(main, peer) {
  const postgres = {};
  const ours = await createDatabase('startup');
  postgres.ours = await startupSeries(
    () => startOurs({ main, databaseUrl: ours.url, label: 'ours-startup' }),
    CFG.starts,
  );
  if (peer.start) {
    const go = await createDatabase('startup_go');
    postgres.go = await startupSeries(() => startGo({ peer, database: go.name }), CFG.starts);
  }
  return { postgres, embedded: await embeddedStartup(main) };
}

/** Starts the three servers on fresh databases; `databases` are the pg clients of the distinct ones. */
async function startServers(main, peer) {
  const ourDb = await createDatabase('main');
  const profiling = CFG.cpuProf ? { preload: PROFILE_HOOK, env: { BENCH_CPU_PROF_DIR: PROF_DIR } } : {};
  const ours = await startOurs({ main, databaseUrl: ourDb.url, ...profiling });
  const floor = await startFloor(ourDb.url);
  const servers = [ours, floor];
  const databases = [await connect(ourDb.url, 'benchmark')];
  if (peer.start) {
    const goDb = await createDatabase('go');
    servers.push(await startGo({ peer, database: goDb.name }));
    databases.push(await connect(goDb.url, 'Go benchmark'));
  }
  return { ours, floor, go: servers[2], servers, databases };
}

async function main() {
  const t0 = performance.now();
  const entry = serviceEntry();
  await mkdir(PROF_DIR, { recursive: true });
  const peer = findGoPeer();
  const goSkip = peer.missing ? `no Go peer (${peer.missing})` : undefined;
  const out = {
    ...runInfo(),
    serviceEntry: entry.replace(ROOT + '/', ''),
    goPeer: peer.dir ?? null,
    goSkipped: goSkip ?? null,
    models: CFG.models,
    seconds: CFG.seconds,
    warmupSeconds: CFG.warmup,
    connections: CFG.connections,
    listConnections: CFG.listConnections,
    rounds: CFG.rounds,
    pick: 'per server, the round with the higher req/s (its own latencies and CPU)',
    targets: TARGETS,
    anomalies: [],
  };
  console.log(
    `bench: commit ${out.commit}${out.dirtyWorkingTree ? ' (+ uncommitted src changes)' : ''}, node ${out.node}, ${out.cpus} CPUs, ` +
      `N=${CFG.models}, ${CFG.seconds}s/case (+${CFG.warmup}s warm-up), ${CFG.connections} connections, ${CFG.rounds} rounds`,
  );
  console.log(goSkip ? `Go peer: SKIPPED — ${goSkip}` : `Go peer: ${peer.dir}`);

  if (CFG.startup) {
    console.log(`start-up series (${CFG.starts} restarts each)…`);
    try {
      out.startup = await measureStartup(entry, peer);
    } catch (error) {
      out.startup = { error: error.message.split('\n')[0] };
      out.anomalies.push(`start-up measurement failed: ${out.startup.error}`);
      console.error(`start-up measurement failed: ${error.message}`);
    }
  }

  const started = await startServers(entry, peer);
  const { ours, servers, databases } = started;
  console.log(
    `ready (fresh databases): ${servers.map((s) => `${s.label} ${Math.round(s.readyMs)} ms`).join(', ')}`,
  );
  Object.assign(out, await seedAndCheck(started, CFG));

  const cases = readCases(CFG.models, CFG);
  const profile = CFG.cpuProf
    ? (server, kase, round) =>
        server === ours && round === 0 ? profilerHooks(ours.child, PROF_DIR, kase.key) : undefined
    : undefined;
  const raw = await runRounds(servers, cases, databases, CFG, { anomalies: out.anomalies, profile });
  for (const s of servers) {
    const m = memoryMiB(s.pid);
    Object.assign(out.memory[s.key], { peakMiB: m.peak, rssAfterLoadMiB: m.rss });
  }
  await readSettledRss(servers, out.memory, CFG.settleMs);
  out.cases = evaluateCases(cases, raw, goSkip);

  if (CFG.cpuProf) {
    out.cpuProfiles = {};
    for (const kase of cases) {
      const file = join(PROF_DIR, `${kase.key}.cpuprofile`);
      if (existsSync(file))
        out.cpuProfiles[kase.key] = { file: file.replace(ROOT + '/', ''), ...(await summarizeProfile(file)) };
    }
  }

  if (CFG.pagination === '0') out.pagination = { skipped: 'BENCH_PAGINATION=0' };
  else {
    try {
      out.pagination = await pagination(entry, ours, CFG);
    } catch (error) {
      out.pagination = { error: error.message };
      out.anomalies.push(`pagination: ${error.message.split('\n')[0]}`);
    }
  }

  console.log(
    `\n${servers.map((s) => s.label).join(' / ')}, N=${CFG.models}, ${CFG.connections} connections (list all: ${CFG.listConnections}), ` +
      `better of ${CFG.rounds} round(s) of ${CFG.seconds}s${goSkip ? ` — Go SKIPPED: ${goSkip}` : ''}:\n`,
  );
  printCases(out.cases, servers);
  printMemory(out, servers);
  printStartup(out.startup);
  printPagination(out.pagination, CFG);
  printProfiles(out.cpuProfiles);
  out.verdicts = [...out.cases.flatMap((c) => Object.values(c.targets)), ...runTargets(out, CFG)];
  printAllTargets(out.verdicts);
  if (out.anomalies.length) console.log(`\nanomalies:\n${out.anomalies.map((a) => `  - ${a}`).join('\n')}`);
  out.totalSeconds = Math.round((performance.now() - t0) / 1000);
  await writeFile(join(RESULTS, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote bench/results/latest.json (${out.totalSeconds} s in all)`);
}

runMain('bench', main);
