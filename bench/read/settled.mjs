// RSS once every server has been idle for a while after the load: what a quiet service holds. V8's
// memory reducer gives back what a burst left in our heap (it starts ~8 s after a full GC and collects
// once allocation has stopped: 10-20 s after seeding here); Go's runtime returns memory in the background.
import { sleep } from '../lib/numbers.mjs';
import { memoryMiB, quiesce } from '../lib/proc.mjs';

/** Waits until each server's CPU is quiet, then `ms`; sets `memory[key].rssSettledMiB`. */
export async function readSettledRss(servers, memory, ms) {
  if (ms === 0) return;
  await Promise.all(servers.map((s) => quiesce(s.pid)));
  console.log(`waiting ${ms / 1000} s with every server idle, for the settled RSS`);
  await sleep(ms);
  for (const s of servers) memory[s.key].rssSettledMiB = memoryMiB(s.pid).rss;
}
