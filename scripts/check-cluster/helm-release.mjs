// helm against the local API server; hooks are skipped (a hook Job never completes without a
// kubelet) and checked by their objects instead (hooks.mjs). Any warning Helm relays fails.
import { assert, run } from '../lib/checks.mjs';
import { CHART, NAMESPACE, RELEASE } from './render.mjs';

export function helmRelease(helm, action, args = []) {
  const base = {
    install: ['install', RELEASE, CHART, '--no-hooks', '--wait=false', '--timeout', '60s'],
    upgrade: ['upgrade', RELEASE, CHART, '--no-hooks', '--wait=false', '--timeout', '60s'],
    rollback: ['rollback', RELEASE, '--no-hooks', '--wait=false', '--timeout', '60s'],
    uninstall: ['uninstall', RELEASE, '--no-hooks', '--wait', '--timeout', '60s'],
  }[action];
  // The chart pins its namespace; Helm keeps its release record in the same one.
  const r = run(helm.bin, [...base, ...args, '--namespace', NAMESPACE], { env: helm.env });
  const output = `${r.stdout}\n${r.stderr}`;
  assert(r.status === 0, `helm ${action} exited ${r.status}:\n${output.trim()}`);
  const warnings = output.split('\n').filter((l) => /warning/i.test(l));
  assert(!warnings.length, `helm ${action} relayed warnings:\n${warnings.join('\n')}`);
  return r.stdout;
}
