// What a result file records about the run itself: commit, machine, Node.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { ROOT } from './env.mjs';

function git(args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export function runInfo() {
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirtyWorkingTree: (git(['status', '--porcelain', '--', 'src']) ?? '') !== '',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
  };
}
