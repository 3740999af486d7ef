// One measured load run against one server with autocannon: warm-up, then a timed window in which the
// server's CPU time (utime + stime from /proc) is divided by the answers it gave.
import autocannon from 'autocannon';
import { percentile, round2 } from './numbers.mjs';
import { cpuMs, quiesce } from './proc.mjs';

function cannon(url, requests, seconds, connections, onResponse) {
  const instance = autocannon({ url, connections, duration: seconds, requests, timeout: 30 });
  if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  return instance;
}

/**
 * `requests` is autocannon's request list; `hooks.start/stop` run around the timed window (e.g. a
 * profiler). Resolves to req/s, latency percentiles (ms), CPU ms per request and anything wrong.
 */
export async function measureLoad(server, { requests, connections, seconds, warmup }, hooks = {}) {
  await quiesce(server.pid);
  await cannon(server.base, requests(), warmup, connections);
  await quiesce(server.pid);
  await hooks.start?.();
  const latencies = [];
  const statuses = {};
  const cpuBefore = cpuMs(server.pid);
  const r = await cannon(server.base, requests(), seconds, connections, (status, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const cpuUsed = cpuMs(server.pid) - cpuBefore;
  await hooks.stop?.();
  latencies.sort((a, b) => a - b);
  const problems = [];
  if (r.errors) problems.push(`${r.errors} errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx answers (statuses ${JSON.stringify(statuses)})`);
  if (latencies.length === 0) problems.push('no answer within the measured window');
  return {
    rps: round2(r.requests.total / r.duration),
    requests: r.requests.total,
    answers: latencies.length,
    durationS: r.duration,
    connections,
    p50: round2(percentile(latencies, 50)),
    p90: round2(percentile(latencies, 90)),
    p99: round2(percentile(latencies, 99)),
    max: round2(latencies.at(-1)),
    cpuMs: Math.round(cpuUsed),
    cpuMsPerRequest: latencies.length ? Math.round((1000 * cpuUsed) / latencies.length) / 1000 : null,
    cpuUtilisation: round2(cpuUsed / (1000 * r.duration)),
    mbPerS: round2(r.throughput.average / 1024 / 1024),
    statuses,
    problems,
  };
}
