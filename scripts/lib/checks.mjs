// One line per check (PASS/FAIL name: detail), then "<prefix>: N passed, M failed"; exit 1 on a failure.
import { spawnSync } from 'node:child_process';

export function checkRunner(prefix) {
  let passed = 0;
  let failed = 0;
  return {
    /** Runs fn; its return value (a string) is the detail shown. A failure does not stop the others. */
    async check(name, fn) {
      const started = Date.now();
      try {
        const detail = await fn();
        passed++;
        console.log(
          `PASS ${name}${detail ? `: ${detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
        return true;
      } catch (error) {
        failed++;
        console.log(
          `FAIL ${name}: ${String(error?.message ?? error)
            .split('\n')
            .join('\n       ')}`,
        );
        return false;
      }
    },
    finish() {
      console.log(`${prefix}: ${passed} passed, ${failed} failed`);
      process.exitCode = failed ? 1 : 0;
      return failed === 0;
    },
  };
}

export function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

export function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** spawnSync with utf8 output; throws on a spawn error, not on an exit code. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

/** run, then throws with the tail of its output unless it exited 0. */
export function runOk(cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${tail}`);
  }
  return r;
}
