// The printed report of `npm run bench:upload`: per size and server wall time, CPU-s and RSS growth,
// the ratios, and the targets with PASS/MISS.
import { fix } from '../lib/numbers.mjs';
import { printTable } from '../lib/table.mjs';
import { target } from '../lib/targets.mjs';
import { UPLOAD_TARGETS } from './config.mjs';

const ROWS = [
  ['ours', 'ours'],
  ['go', 'Go'],
  ['bareFloor', 'bare floor'],
  ['workFloor', 'work floor'],
];

export function printUploads(results) {
  const rows = [];
  for (const r of results) {
    let first = true;
    const size = () => (first ? ((first = false), `${r.sizeMiB} MiB`) : '');
    for (const [key, label] of ROWS) {
      const s = r.servers[key];
      if (key === 'go' && r.goSkipped) {
        rows.push([size(), label, '–', '–', '–', '–', '–', '–', `SKIPPED: ${r.goSkipped}`]);
        continue;
      }
      if (!s) continue;
      const notes = [];
      if (key === 'ours' && r.download)
        notes.push(`download ${r.download.seconds} s, sha256 ${r.download.matches ? 'ok' : 'MISMATCH'}`);
      if (s.cut) notes.push(`${s.cut} of ${s.rounds} cut at 10 s`);
      else if (s.succeeded < s.rounds) notes.push(`${s.rounds - s.succeeded} of ${s.rounds} failed`);
      rows.push([
        size(),
        label,
        fix(s.seconds, 2),
        fix(s.MiBps, 0),
        fix(s.cpuSeconds, 2),
        fix(s.idleRssMiB, 1),
        fix(s.rssGrowthMiB, 1),
        fix(s.s3CpuSeconds, 2),
        notes.join('; '),
      ]);
    }
    rows.push([
      '',
      'disk copy',
      fix(r.diskCopySeconds, 2),
      fix(r.sizeMiB / r.diskCopySeconds, 0),
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  printTable(
    [
      'size',
      'server',
      'wall s',
      'MiB/s',
      'CPU-s',
      'idle RSS MiB',
      'RSS growth MiB',
      'S3 server CPU-s',
      'notes',
    ],
    rows,
    { align: 'llrrrrrrl' },
  );
  console.log('\nratios (ours / the other) and targets:\n');
  printTable(
    [
      'size',
      'wall ours/Go',
      'CPU-s ours/Go',
      'wall ours/copy',
      'wall ours/work floor',
      `CPU-s ≤1.0×Go (${UPLOAD_TARGETS.cpuVsGoAtMiB} MiB)`,
      `RSS growth <${UPLOAD_TARGETS.rssGrowthMiB} MiB`,
    ],
    results.map((r) => [
      `${r.sizeMiB} MiB`,
      fix(r.ratios.secondsVsGo, 2),
      fix(r.ratios.cpuVsGo, 2),
      fix(r.ratios.secondsVsCopy, 2),
      fix(r.ratios.secondsVsWorkFloor, 2),
      r.targets.cpu?.verdict ?? '',
      r.targets.rss?.verdict ?? '',
    ]),
  );
}

/** Sets r.targets per size and returns the full list (a SKIP for a targeted size not measured). */
export function uploadTargets(results, store) {
  const bySize = new Map(results.map((r) => [r.sizeMiB, r]));
  const list = [];
  const cpuAt = UPLOAD_TARGETS.cpuVsGoAtMiB;
  const cpuRun = bySize.get(cpuAt);
  const cpu = target(
    `${cpuAt} MiB upload: CPU-s ours/Go, same S3 server`,
    cpuRun?.ratios.cpuVsGo ?? null,
    '<=',
    UPLOAD_TARGETS.cpuVsGo,
    {
      unit: '×',
      skip:
        store !== 's3'
          ? 'BENCH_UPLOAD_STORE=fs'
          : !cpuRun
            ? `${cpuAt} MiB not among the sizes`
            : cpuRun.goSkipped
              ? `Go ${cpuRun.goSkipped}`
              : undefined,
    },
  );
  if (cpuRun) cpuRun.targets = { cpu };
  list.push(cpu);
  for (const sizeMiB of UPLOAD_TARGETS.rssGrowthAtMiB) {
    const run = bySize.get(sizeMiB);
    const rss = target(
      `${sizeMiB} MiB upload: our RSS growth`,
      run?.servers.ours.rssGrowthMiB ?? null,
      '<',
      UPLOAD_TARGETS.rssGrowthMiB,
      {
        unit: ' MiB',
        skip: run ? undefined : `${sizeMiB} MiB not among the sizes`,
      },
    );
    if (run) run.targets = { ...run.targets, rss };
    list.push(rss);
  }
  for (const r of results) r.targets ??= {};
  return list;
}
