// One timed upload to one server: wall time, the server's CPU time (utime + stime from /proc, until
// it is idle again) and its RSS growth (peak during the upload minus the idle RSS before it).
import { execFileSync } from 'node:child_process';
import { copyFile, rm } from 'node:fs/promises';
import { round2, timed } from '../lib/numbers.mjs';
import { cpuMs, memoryMiB, quiesce, resetPeak, rssMiB, rssSampler } from '../lib/proc.mjs';
import { uploadFile } from './client.mjs';

/** Writes dirty pages out so the next timed step does not pay for the previous one's writeback. */
export const flushDirtyPages = () => execFileSync('sync');

/**
 * `others` are pids (e.g. the S3 server) whose CPU during the upload is reported too.
 * Resolves to { ok, status, seconds, cpuSeconds, idleRssMiB, rssGrowthMiB, otherCpuSeconds, body, error }.
 */
export async function measureUpload(server, url, file, size, others = []) {
  await quiesce(server.pid, 10_000);
  flushDirtyPages();
  const idleRssMiB = rssMiB(server.pid);
  const peakReset = resetPeak(server.pid);
  const sampler = rssSampler(server.pid);
  const cpuBefore = cpuMs(server.pid);
  const othersBefore = others.map(cpuMs);
  let answer;
  const seconds = await timed(async () => {
    answer = await uploadFile(url, file, size);
  });
  const sampled = sampler.stop();
  await quiesce(server.pid, 10_000);
  const cpuSeconds = (cpuMs(server.pid) - cpuBefore) / 1000;
  const peak = Math.max(sampled, peakReset ? memoryMiB(server.pid).peak : 0);
  return {
    ok: answer.status === 200,
    status: answer.status,
    seconds: round2(seconds),
    cpuSeconds: round2(cpuSeconds),
    idleRssMiB,
    rssGrowthMiB: round2(Math.max(0, peak - idleRssMiB)),
    otherCpuSeconds: others.length
      ? round2(others.reduce((sum, pid, i) => sum + (cpuMs(pid) - othersBefore[i]) / 1000, 0))
      : null,
    body: answer.body,
    ...(answer.error ? { error: answer.error } : {}),
  };
}

/** fs.copyFile of the same file: what the disk alone costs. */
export async function timedCopy(file, copy) {
  flushDirtyPages();
  const seconds = await timed(() => copyFile(file, copy));
  await rm(copy);
  return round2(seconds);
}
