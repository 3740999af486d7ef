// What the kernel says about a server process (/proc/<pid>): CPU time and resident memory.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { sleep } from './numbers.mjs';

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (utime + stime, all threads) the process has used, in ms: per-request CPU is robust to a busy machine. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** Resident set now (VmRSS) and its peak since start or the last resetPeak (VmHWM), in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field) =>
    Math.round((Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024) * 10) / 10;
  return { rss: mib('VmRSS'), peak: mib('VmHWM') };
}

export const rssMiB = (pid) => memoryMiB(pid).rss;

/** Starts the peak (VmHWM) afresh from the current RSS; false when the kernel does not allow it. */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `everyMs` ms; stop() returns the highest sample (MiB), for when resetPeak is refused. */
export function rssSampler(pid, everyMs = 50) {
  let highest = 0;
  const timer = setInterval(() => {
    try {
      highest = Math.max(highest, rssMiB(pid));
    } catch {}
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return highest;
    },
  };
}

/**
 * Waits until the process is (nearly) idle: a load generator stops at the end of a run, but the server
 * still works off what it had accepted, which would otherwise be charged to the next run.
 */
export async function quiesce(pid, maxMs = 60_000) {
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const before = cpuMs(pid);
    await sleep(250);
    if (cpuMs(pid) - before <= 25) return;
  }
}
