// Start-up to ready: from the spawn to the first successful readiness answer.
import { stopChild } from '../lib/children.mjs';
import { temporaryDirectory } from '../lib/cleanup.mjs';
import { median } from '../lib/numbers.mjs';
import { rssMiB } from '../lib/proc.mjs';
import { startOurs } from '../lib/servers.mjs';

/**
 * `start()` resolves to a started server on one database: the first start creates the schema
 * (migrations, or the Go service's AutoMigrate); then `restarts` more starts on the same database,
 * whose median is the figure (a rolled-out pod starts on a migrated database).
 */
export async function startupSeries(start, restarts) {
  const first = await start();
  const firstMs = Math.round(first.readyMs);
  await stopChild(first.child);
  const restartsMs = [];
  let rss;
  for (let i = 0; i < restarts; i++) {
    const server = await start();
    restartsMs.push(Math.round(server.readyMs));
    rss = rssMiB(server.pid);
    await stopChild(server.child);
  }
  return { firstMs, restartsMs, medianMs: median(restartsMs), rssAtReadyMiB: rss };
}

/** Ours on the embedded store: the first start initialises the store, the second finds it. */
export async function embeddedStartup(main) {
  const dataDir = await temporaryDirectory('mms-bench-embedded-');
  const times = [];
  let rss;
  for (const run of ['first (initialises the store)', 'second (store already initialised)']) {
    const server = await startOurs({ main, dataDir, label: 'ours-embedded' });
    rss = rssMiB(server.pid);
    const stopping = performance.now();
    await stopChild(server.child);
    times.push({
      run,
      readyMs: Math.round(server.readyMs),
      stopMs: Math.round(performance.now() - stopping),
    });
  }
  return { first: times[0], second: times[1], rssAfterSecondStartMiB: rss };
}
