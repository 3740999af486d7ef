// The printed report of `npm run bench`: per-server figures, ratios with a PASS/MISS column per
// target, memory and start-up, pagination, profiles, and every target in one list.
import { fix } from '../lib/numbers.mjs';
import { printTable } from '../lib/table.mjs';
import { printTargets, verdictCell } from '../lib/targets.mjs';
import { CASE_TARGETS } from './evaluate.mjs';

export function printCases(cases, servers) {
  const rows = [];
  for (const c of cases) {
    for (const [i, server] of servers.entries()) {
      const m = c.best[server.key];
      rows.push([
        i === 0 ? c.label : '',
        server.label,
        fix(m.rps, 0),
        fix(m.p50, 2),
        fix(m.p99, 2),
        fix(m.cpuMsPerRequest, 3),
        fix(m.cpuUtilisation, 2),
      ]);
    }
  }
  printTable(['case', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'cores'], rows, {
    align: 'llrrrrr',
  });
  console.log('\nratios (ours / the other; CPU is ms per request) and targets:\n');
  printTable(
    [
      'case',
      'req/s ours/Go',
      'CPU ours/Go',
      'req/s ours/floor',
      'CPU ours/floor',
      ...CASE_TARGETS.map((t) => t.column),
    ],
    cases.map((c) => [
      c.label,
      fix(c.ratios.rpsVsGo, 2),
      fix(c.ratios.cpuVsGo, 2),
      fix(c.ratios.rpsVsFloor, 2),
      fix(c.ratios.cpuVsFloor, 2),
      ...CASE_TARGETS.map((t) => verdictCell(c.targets[t.key])),
    ]),
  );
}

export function printMemory(out, servers) {
  console.log('\nmemory (VmRSS; peak is VmHWM since the start, seeding and load included):\n');
  printTable(
    [
      'server',
      'ready ms',
      'seeded through its API',
      'RSS after seeding MiB',
      'peak RSS MiB',
      'RSS after load MiB',
      'RSS settled MiB',
    ],
    servers.map((s) => {
      const m = out.memory[s.key];
      const seed = out.seed[s.key];
      return [
        s.label,
        Math.round(s.readyMs),
        seed ? `${seed.models} in ${fix(seed.ms / 1000, 1)} s` : 'no (shares ours)',
        fix(m.rssAfterSeedMiB, 1),
        fix(m.peakMiB, 1),
        fix(m.rssAfterLoadMiB, 1),
        fix(m.rssSettledMiB, 1),
      ];
    }),
  );
}

export function printStartup(startup) {
  if (!startup) return;
  if (startup.error) return console.log(`\nstart-up measurement failed: ${startup.error}`);
  console.log('\nstart-up to the first successful readiness answer (ms from the spawn):');
  for (const [key, label] of [
    ['ours', 'ours'],
    ['go', 'Go'],
  ]) {
    const s = startup.postgres?.[key];
    if (!s) continue;
    console.log(
      `  ${label.padEnd(4)} PostgreSQL: fresh database ${s.firstMs} (creates the schema); then ${s.restartsMs.join(', ')}: median ${s.medianMs}`,
    );
  }
  const e = startup.embedded;
  if (e)
    console.log(
      `  ours embedded store: first start ${e.first.readyMs} (initialises the store), second ${e.second.readyMs}; RSS ${e.rssAfterSecondStartMiB} MiB`,
    );
}

export function printPagination(p, cfg) {
  if (!p) return;
  if (p.skipped)
    return console.log(
      `\npagination: skipped — ${p.skipped}${cfg.pagination === '1' ? ' (BENCH_PAGINATION=1 was asked for)' : ''}`,
    );
  if (p.error) return console.log(`\npagination: FAILED — ${p.error}`);
  console.log(`\npagination (page-size ${p.pageSize}, ours only, ${p.connections} connections):`);
  for (const [key, label] of [
    ['first', 'first page'],
    ['middle', 'middle page'],
  ]) {
    const s = p.small[key];
    const l = p.large[key];
    console.log(
      `  ${label.padEnd(12)} ${p.small.models} rows: p50 ${s.p50} / p99 ${s.p99} ms (${s.rps.toFixed(0)} req/s)   ` +
        `${p.large.models} rows: p50 ${l.p50} / p99 ${l.p99} ms (${l.rps.toFixed(0)} req/s)   ratio p50 ${p.ratios[`${key}P50`]} p99 ${p.ratios[`${key}P99`]}`,
    );
  }
}

export function printProfiles(profiles) {
  if (!profiles) return;
  console.log('\nour CPU profiles (self time, round 1):');
  for (const [key, prof] of Object.entries(profiles)) {
    console.log(
      `  ${key}: ${prof.packages
        .slice(0, 6)
        .map((x) => `${x.name} ${x.percent}%`)
        .join(', ')}`,
    );
    for (const f of prof.functions.slice(0, 5))
      console.log(`      ${`${f.percent}%`.padStart(7)}  ${f.name}`);
  }
}

export function printAllTargets(targets) {
  console.log('\ntargets:');
  printTargets(targets);
}
