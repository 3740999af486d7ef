// The compiled service a benchmark runs: dist/main.js (built with `npx nest build` when missing, or
// always with BENCH_BUILD=1 or `always`), or a private copy under BENCH_DIST (built there with
// `tsc --outDir`) so that others rebuilding dist/ meanwhile cannot pull the service out from under a run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildService } from '../support.mjs';
import { ROOT } from './env.mjs';

export function serviceEntry({ always = false } = {}) {
  const main = join(
    process.env.BENCH_DIST ? join(ROOT, process.env.BENCH_DIST) : join(ROOT, 'dist'),
    'main.js',
  );
  const rebuild = always || process.env.BENCH_BUILD === '1' || !existsSync(main);
  if (rebuild && process.env.BENCH_DIST) {
    const outDir = dirname(main);
    console.log(`building a private copy in ${outDir} (tsc -p tsconfig.build.json --outDir …)…`);
    const build = spawnSync(
      'npx',
      [
        'tsc',
        '-p',
        'tsconfig.build.json',
        '--outDir',
        outDir,
        '--tsBuildInfoFile',
        join(outDir, '.tsbuildinfo'),
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) throw new Error('tsc build failed');
  } else if (rebuild) {
    buildService(ROOT);
  }
  return main;
}
