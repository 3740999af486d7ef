'use strict';
// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) and the wire-protocol server
// in front of it. Off the main thread, queries do not block the event loop, and PGlite's large
// WebAssembly memory stays out of the service's heap: there it made large uploads trigger one full
// garbage collection after another. Plain CommonJS because worker threads run files as they are
// (nest build copies it to dist/).
const { mkdir } = require('node:fs/promises');
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

/** workerData: { dataDir?: string } (undefined keeps the database in memory). Posts { port }. */
async function serve({ dataDir }) {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const port = await freeLoopbackPort();
  // A few sessions for tools beside the app's single pooled connection (psql, tests); queries are queued.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 8 });
  await server.start();
  parentPort.once('message', async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  });
  parentPort.postMessage({ port });
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// A failure reaches the parent as the worker's 'error' event.
serve(workerData).catch((error) => {
  throw error;
});
