// Interleaved rounds: in every round each case runs on every server back to back, the order rotating
// from round to round, so that a slow minute of a busy machine does not fall on one server only.
import { measureLoad } from '../lib/load.mjs';

/**
 * Resolves to { [case key]: { [server key]: [measurement per round] } } and lists anything wrong in
 * `anomalies`. `profile(server, kase, round)` may return hooks to run around the timed window.
 */
export async function runRounds(servers, cases, databases, cfg, { anomalies, profile }) {
  const raw = Object.fromEntries(
    cases.map((c) => [c.key, Object.fromEntries(servers.map((s) => [s.key, []]))]),
  );
  for (let round = 0; round < cfg.rounds; round++) {
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    for (const kase of cases) {
      for (const server of order) {
        const load = {
          requests: () => kase.requests(server),
          connections: kase.connections ?? cfg.connections,
          seconds: cfg.seconds,
          warmup: cfg.warmup,
        };
        const m = await measureLoad(server, load, profile?.(server, kase, round));
        raw[kase.key][server.key].push(m);
        const problems = m.problems.length ? `  !! ${m.problems.join(', ')}` : '';
        console.log(
          `  round ${round + 1} ${kase.label.padEnd(24)} ${server.label.padEnd(6)} ${m.rps.toFixed(0).padStart(7)} req/s  ` +
            `p50 ${m.p50} ms  p99 ${m.p99} ms  CPU ${m.cpuMsPerRequest} ms/req (${m.cpuUtilisation} cores)${problems}`,
        );
        if (m.problems.length)
          anomalies.push(`${kase.label} round ${round + 1} on ${server.label}: ${m.problems.join(', ')}`);
      }
      if (kase.after) await kase.after(databases);
    }
  }
  return raw;
}

/** Per server, the round with the higher req/s (with that round's own latencies and CPU). */
export const bestRound = (runs) => runs.reduce((a, b) => (b.rps > a.rps ? b : a));
