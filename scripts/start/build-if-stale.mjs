// `npm start`'s pre-step: `nest build` only when dist/ is missing or older than what it is built from,
// so that a Ctrl-C restart starts at once (the build alone takes 20-30 s on two cores).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BUILT = 'dist/main.js';
const INPUTS = ['src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

function newestMtime(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

const built = statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(...INPUTS.map(newestMtime));
if (built > sources) process.exit(0);

console.log(built === 0 ? 'Building (first start)…' : 'Sources changed since the last build: building…');
// The project's own CLI, never whatever npx would fetch.
const build = spawnSync(join('node_modules', '.bin', 'nest'), ['build'], { stdio: 'inherit' });
if (build.error) console.error(`Cannot build: ${build.error.message}`);
process.exit(build.status ?? 1);
