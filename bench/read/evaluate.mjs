// From the rounds' measurements to per-case figures, ratios (ours/Go, ours/floor) and verdicts.
import { ratio } from '../lib/numbers.mjs';
import { limitNumber, target } from '../lib/targets.mjs';
import { TARGETS } from './config.mjs';
import { bestRound } from './rounds.mjs';

const OPS = { '<=': '≤', '>=': '≥' };

/** The per-case targets, in the order of their PASS/MISS columns; `of` picks the cases they apply to. */
export const CASE_TARGETS = [
  {
    key: 'readCpuVsGo',
    of: (c) => c.read,
    figure: 'CPU',
    ratio: 'cpuVsGo',
    op: '<=',
    limit: TARGETS.readCpuVsGo,
  },
  {
    key: 'readRpsVsGo',
    of: (c) => c.read,
    figure: 'req/s',
    ratio: 'rpsVsGo',
    op: '>=',
    limit: TARGETS.readRpsVsGo,
  },
  {
    key: 'pointRpsVsFloor',
    of: (c) => c.point,
    figure: 'req/s',
    ratio: 'rpsVsFloor',
    op: '>=',
    limit: TARGETS.pointRpsVsFloor,
  },
  {
    key: 'registerCpuVsGo',
    of: (c) => c.key === 'register',
    figure: 'CPU',
    ratio: 'cpuVsGo',
    op: '<=',
    limit: TARGETS.registerCpuVsGo,
  },
].map((t) => {
  const other = t.ratio.endsWith('Go') ? 'Go' : 'floor';
  return { ...t, other, column: `${t.figure} ${OPS[t.op]}${limitNumber(t.limit, '×')}×${other}` };
});

/** `goSkip`: why there are no Go figures (undefined when there are). */
export function evaluateCases(cases, raw, goSkip) {
  return cases.map((kase) => {
    const best = Object.fromEntries(
      Object.entries(raw[kase.key]).map(([key, runs]) => [key, bestRound(runs)]),
    );
    const { ours, floor, go } = best;
    const ratios = {
      rpsVsGo: ratio(ours.rps, go?.rps),
      cpuVsGo: ratio(ours.cpuMsPerRequest, go?.cpuMsPerRequest),
      p99VsGo: ratio(ours.p99, go?.p99),
      rpsVsFloor: ratio(ours.rps, floor?.rps),
      cpuVsFloor: ratio(ours.cpuMsPerRequest, floor?.cpuMsPerRequest),
      p99VsFloor: ratio(ours.p99, floor?.p99),
    };
    const targets = Object.fromEntries(
      CASE_TARGETS.filter((t) => t.of(kase)).map((t) => {
        const name = `${kase.label}: ${t.figure === 'CPU' ? 'CPU ms/req' : 'req/s'} ours/${t.other}`;
        const skip = t.other === 'Go' ? goSkip : undefined;
        return [t.key, target(name, ratios[t.ratio], t.op, t.limit, { unit: '×', skip })];
      }),
    );
    const { key, label, read, point } = kase;
    return { key, label, read, point, best, ratios, targets, rounds: raw[kase.key] };
  });
}

/** The run-wide targets: memory after seeding, start-up, pagination. */
export function runTargets(out, cfg) {
  const list = [];
  list.push(
    target(
      `our RSS after seeding ${cfg.models} registrations (3 environments each), PostgreSQL`,
      out.memory.ours.rssAfterSeedMiB,
      '<=',
      TARGETS.rssAfterSeedMiB,
      {
        unit: ' MiB',
        skip: cfg.models !== 2000 ? `BENCH_MODELS=${cfg.models}: the target is for 2000` : undefined,
      },
    ),
  );
  const startup = out.startup?.postgres?.ours;
  list.push(
    target(
      `our start-up to ready on PostgreSQL, median of ${startup?.restartsMs.length ?? cfg.starts} restarts`,
      startup?.medianMs ?? null,
      '<=',
      TARGETS.startupMs,
      { unit: ' ms', skip: startup ? undefined : (out.startup?.error ?? 'BENCH_STARTUP=0') },
    ),
  );
  const p = out.pagination;
  const pages = `pagination: page latency at ${cfg.pageModels} rows / at ${cfg.pageSmall}`;
  if (!p?.ratios) {
    list.push(
      target(pages, null, '<=', TARGETS.pageRatio, {
        unit: '×',
        skip: p?.skipped ?? p?.error ?? 'not measured',
      }),
    );
    return list;
  }
  for (const [key, label] of Object.entries({
    firstP50: 'first page p50',
    firstP99: 'first page p99',
    middleP50: 'middle page p50',
    middleP99: 'middle page p99',
  })) {
    list.push(target(`${pages}, ${label}`, p.ratios[key], '<=', TARGETS.pageRatio, { unit: '×' }));
  }
  return list;
}
