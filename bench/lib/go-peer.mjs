// Where the upstream Go service (the peer we replace) is: ../shared/peers/go-mme/ beside the main
// checkout (also found from a git worktree), or BENCH_GO_PEER; BENCH_GO=0 leaves it out.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './env.mjs';

/** { dir, start } when the peer is there, else { missing: why }. */
export function findGoPeer() {
  if (process.env.BENCH_GO === '0') return { missing: 'BENCH_GO=0' };
  const candidates = process.env.BENCH_GO_PEER ? [resolve(process.env.BENCH_GO_PEER)] : defaultCandidates();
  for (const dir of candidates) {
    if (existsSync(join(dir, 'start.sh')) && existsSync(join(dir, 'go-mme')))
      return { dir, start: join(dir, 'start.sh') };
  }
  return { missing: `no start.sh and go-mme in ${candidates.join(' or ')}` };
}

function defaultCandidates() {
  const dirs = [join(ROOT, '..', 'shared', 'peers', 'go-mme')];
  // In a worktree, ../shared is beside the main checkout, not beside the worktree.
  const common = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (common.status === 0) dirs.push(join(dirname(common.stdout.trim()), '..', 'shared', 'peers', 'go-mme'));
  return [...new Set(dirs.map((dir) => resolve(dir)))];
}
