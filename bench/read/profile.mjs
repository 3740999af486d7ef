// BENCH_CPU_PROF=1: V8 sampling profiles of our service (bench/cpu-profile-hook.cjs, preloaded), one per
// case during round 1, and their hottest functions and packages by self time.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../lib/env.mjs';
import { round2, sleep } from '../lib/numbers.mjs';

export const PROFILE_HOOK = join(ROOT, 'bench', 'cpu-profile-hook.cjs');

/** Hooks for measureLoad: SIGUSR2 starts the profiler in the child, the next one writes <label>.cpuprofile. */
export function profilerHooks(child, dir, label) {
  return {
    async start() {
      await rm(join(dir, `${label}.done`), { force: true });
      await writeFile(join(dir, 'label'), label);
      child.kill('SIGUSR2');
      await sleep(100);
    },
    async stop() {
      child.kill('SIGUSR2');
      for (let i = 0; i < 200 && !existsSync(join(dir, `${label}.done`)); i++) await sleep(50);
    },
  };
}

/** Self time by function and by package, from a .cpuprofile. */
export async function summarizeProfile(file, top = 12) {
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
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
      (where.startsWith('dist/')
        ? 'service (dist/)'
        : where.startsWith('node:')
          ? 'node core'
          : where
            ? where.split('/')[0]
            : functionName || '(native)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const share = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: round2((100 * hits) / total) }));
  return { functions: share(byFunction), packages: share(byPackage) };
}
