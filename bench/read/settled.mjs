// RSS once every server has been idle for a while after the load: what a quiet service holds. Ours
// gives back what the load left once idle for IDLE_MEMORY_RELEASE_MS (30 s by default; V8's own memory
// reducer does only after a recent full GC); Go's runtime returns memory in the background.
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
