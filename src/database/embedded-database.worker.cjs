'use strict';
// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) and the wire-protocol server
// in front of it. Off the main thread, queries do not block the event loop, and PGlite's large
// WebAssembly memory stays out of the service's heap: there it made large uploads trigger one full
// garbage collection after another. Plain CommonJS because worker threads run files as they are
// (nest build copies it to dist/).
const { chmod, mkdir } = require('node:fs/promises');
const v8 = require('node:v8');
const { parentPort, workerData } = require('node:worker_threads');

// Baseline WebAssembly code only (Liftoff), set before PGlite compiles its module. The optimising
// tier compiles one of PostgreSQL's functions (105 KB of code) with a 600 MB compiler zone a second
// or two into every start: the service's peak RSS was ~1.15 GB on a first start, ~0.93 GB on a
// restart; now ~0.77 and ~0.38 GB, for ~1.5x the CPU per embedded request. Both flags: either alone
// still tiers up. Process-wide, which only matters for other WebAssembly (undici's parser in fetch).
v8.setFlagsFromString('--no-wasm-dynamic-tiering');
v8.setFlagsFromString('--no-wasm-tier-up');

const { PGlite } = require('@electric-sql/pglite');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

/**
 * workerData: { dataDir?: string (undefined keeps the database in memory), socketPath: string (a Unix
 * socket in a directory private to this user) }. Posts { ready: true }.
 */
async function serve({ dataDir, socketPath }) {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // A few sessions for tools beside the app's single pooled connection (psql, tests); queries are queued.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 8 });
  await server.start();
  // Owner-only, on top of the private directory: PGlite checks no password.
  await chmod(socketPath, 0o600);
  parentPort.once('message', async () => {
    await server.stop();
    await db.close();
    parentPort.postMessage({ stopped: true });
  });
  parentPort.postMessage({ ready: true });
}

// A failure reaches the parent as the worker's 'error' event.
serve(workerData).catch((error) => {
  throw error;
});
