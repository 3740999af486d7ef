// Where the workplace's shared folder is (the Go peer, the image and API-server tools, the Go schema):
// `shared/` beside the checkout. A worktree or a clone elsewhere (git clone . /tmp/x) is not beside
// it, so the folder is also looked for beside the main checkout of a worktree and beside the local
// repository a clone came from. SHARED_DIR overrides all of these.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function git(...args) {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The folders that may be the shared one, most specific first (they may not exist). */
export function sharedDirCandidates() {
  const dirs = [process.env.SHARED_DIR, path.join(ROOT, '..', 'shared')];
  const common = git('rev-parse', '--path-format=absolute', '--git-common-dir');
  if (common) dirs.push(path.join(path.dirname(common), '..', 'shared'));
  const origin = git('remote', 'get-url', 'origin');
  if (origin && path.isAbsolute(origin)) dirs.push(path.join(origin, '..', 'shared'));
  return [...new Set(dirs.filter(Boolean).map((dir) => path.resolve(dir)))];
}

/** `shared/<...parts>` in the first candidate that holds it, else undefined. */
export function findShared(...parts) {
  return sharedDirCandidates()
    .map((dir) => path.join(dir, ...parts))
    .find((candidate) => fs.existsSync(candidate));
}
