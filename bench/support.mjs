// Helpers shared by the benchmark and soak scripts (plain Node, no TypeScript).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A TCP port free on loopback right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Compiles the service (`npx nest build`) into dist/. */
export function buildService(root) {
  console.log(`building ${join(root, 'dist')} (npx nest build)…`);
  const build = spawnSync('npx', ['nest', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('nest build failed');
}
