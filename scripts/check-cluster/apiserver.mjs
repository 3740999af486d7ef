// Starts the local control plane (kube-apiserver-local.sh: etcd + kube-apiserver + controller
// manager on loopback, no kubelet) and returns its kubeconfig path. KUBE_TOOL overrides the tool.
import fs from 'node:fs';
import path from 'node:path';
import { findShared, sharedDirCandidates } from '../lib/shared-dir.mjs';
import { assert, runOk } from '../lib/checks.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
export const TOOL = [process.env.KUBE_TOOL, findShared('tools', 'kube-apiserver-local.sh')]
  .filter(Boolean)
  .find((p) => fs.existsSync(p));

/** Debian's etcd when installed (saves building one); the tool builds its own otherwise. */
function toolEnv() {
  const env = { ...process.env };
  if (!env.ETCD_BIN && fs.existsSync('/usr/bin/etcd')) env.ETCD_BIN = '/usr/bin/etcd';
  return env;
}

export function startApiServer() {
  assert(
    TOOL,
    `kube-apiserver-local.sh not found (looked in ${sharedDirCandidates()
      .map((dir) => `${dir}/tools`)
      .join(', ')}; set KUBE_TOOL)`,
  );
  // A clean slate: no objects from an earlier run (purge keeps the built binaries).
  runOk('bash', [TOOL, 'purge'], { env: toolEnv() });
  const r = runOk('bash', [TOOL, 'start'], { env: toolEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  const kubeconfig = r.stdout.match(/export KUBECONFIG=(\S+)/)?.[1];
  assert(kubeconfig && fs.existsSync(kubeconfig), `no kubeconfig in the tool's output: ${r.stdout}`);
  return kubeconfig;
}

export function stopApiServer() {
  if (TOOL) runOk('bash', [TOOL, 'stop'], { env: toolEnv() });
}
