// `npm start`'s and `npm test`'s pre-step: `npm run build` (the service, then the console) only when
// dist/ is missing or older than what it is built from (the process and browser tests run dist/), so
// that a Ctrl-C restart starts at once (the build alone takes 20-30 s on two cores).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The console is built second (nest build empties dist/ first): its page is the older output only
// when that step did not finish.
const BUILT = ['dist/main.js', 'dist/ui/index.html'];
const INPUTS = ['src', 'web', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

function newestMtime(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), 0);
}

const built = Math.min(...BUILT.map((path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0));
const sources = Math.max(...INPUTS.map(newestMtime));
if (built > sources) process.exit(0);

console.log(built === 0 ? 'Building (first start)…' : 'Sources changed since the last build: building…');
// The project's own CLIs, never whatever npx would fetch; the same steps as `npm run build`.
for (const [tool, ...args] of [
  ['nest', 'build'],
  ['tsc', '-p', 'web/tsconfig.json'],
  ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'],
]) {
  const build = spawnSync(join('node_modules', '.bin', tool), args, { stdio: 'inherit' });
  if (build.error) console.error(`Cannot build: ${build.error.message}`);
  if (build.status !== 0) process.exit(build.status ?? 1);
}
