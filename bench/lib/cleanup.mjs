// Releases what a benchmark acquired (children first, then databases, clients and directories, newest
// first) on success, on error and on Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAllChildren } from './children.mjs';

const releasers = [];
let cleaning;

/** `release` runs at clean-up, after every child is stopped, before what was registered earlier. */
export function onCleanup(release) {
  releasers.push(release);
}

export function cleanup() {
  cleaning ??= (async () => {
    await stopAllChildren();
    for (const release of releasers.reverse()) {
      await Promise.resolve()
        .then(release)
        .catch((error) => console.error(`clean-up: ${error.message}`));
    }
  })();
  return cleaning;
}

/** A fresh directory under the system's temporary directory, removed at clean-up. */
export async function temporaryDirectory(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs a benchmark's main function: clean-up in every case, exit code 1 on failure. */
export function runMain(name, main) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping children, dropping the benchmark databases…`);
      cleanup().finally(() => process.exit(130));
    });
  }
  const fail = async (error) => {
    console.error(`\n${name} FAILED: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  };
  // E.g. EPIPE when the output is piped into `head`: still drop the databases.
  process.on('uncaughtException', fail);
  main().then(() => cleanup(), fail);
}
