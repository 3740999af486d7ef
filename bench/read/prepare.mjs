// Before the rounds: each API seeded (ours and Go; the floor reads ours' rows), RSS after seeding,
// and the identity checks.
import { sleep } from '../lib/numbers.mjs';
import { memoryMiB } from '../lib/proc.mjs';
import { purgeRegistrations, seedThroughApi } from '../lib/seed.mjs';
import { checkFloor, checkGo } from './identity.mjs';

/** Sets `server.ids`; resolves to { seed, memory, identity } for the result file. */
export async function seedAndCheck({ ours, floor, go, servers, databases }, cfg) {
  const seed = {};
  for (const server of [ours, go].filter(Boolean)) {
    const started = performance.now();
    server.ids = await seedThroughApi(server.base, cfg.models, cfg.seedConcurrency);
    seed[server.key] = {
      models: cfg.models,
      ms: Math.round(performance.now() - started),
      concurrency: cfg.seedConcurrency,
    };
    const whose = server.key === 'ours' ? 'our' : `${server.label}'s`;
    console.log(
      `seeded ${cfg.models} registrations through ${whose} API in ${seed[server.key].ms} ms (${cfg.seedConcurrency} in flight)`,
    );
  }
  floor.ids = ours.ids;
  await sleep(1000);
  const memory = Object.fromEntries(servers.map((s) => [s.key, { rssAfterSeedMiB: memoryMiB(s.pid).rss }]));

  // Each check registers one model per server: removed before the next check and the measurements.
  const purgeChecks = () => Promise.all(databases.map((db) => purgeRegistrations(db, 'bench-check-%')));
  const identity = { floor: await checkFloor(ours, floor, cfg.models) };
  await purgeChecks();
  if (go) {
    identity.go = await checkGo(ours, go, cfg.models);
    await purgeChecks();
  }
  for (const [key, check] of Object.entries(identity)) {
    console.log(`identity check ours vs ${key === 'go' ? 'Go' : key} passed: ${check.checked.join(', ')}`);
    for (const note of check.notes) console.log(`  note: ${note}`);
  }
  return { seed, memory, identity };
}
