// The upload floors (bench/upload-floor-server.mjs: POST /raw pipes the body to a file, POST /work
// parses, hashes and writes it), as a server like the others.
import { join } from 'node:path';
import { freePort } from '../support.mjs';
import { startChild } from '../lib/children.mjs';
import { ROOT } from '../lib/env.mjs';
import { waitReady } from '../lib/http.mjs';

export async function startUploadFloor(directory) {
  const port = await freePort();
  const since = performance.now();
  const child = startChild(
    'upload floor',
    process.execPath,
    [join(ROOT, 'bench', 'upload-floor-server.mjs')],
    {
      env: { ...process.env, PORT: String(port), DIR: directory },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  // Any request is an (empty) upload to it: the answer says it listens.
  const readyMs = await waitReady(base, '/raw', child, since);
  return { key: 'floor', label: 'floor', child, pid: child.pid, base, readyMs };
}
