// The environment the chart gives the app and the migration Job (its ConfigMap and literal env),
// rendered by Helm, with the secrets and addresses of this machine put in.
import path from 'node:path';
import YAML from 'yaml';
import { assert, runOk } from '../lib/checks.mjs';
import { root } from './image-tool.mjs';

/** helm: from helmIn. set: --set overrides. Returns { app, migrations } env maps. */
export function chartEnv(helm, set) {
  const args = ['template', 'modelmgmtservice', path.join(root, 'helm', 'modelmgmtservice')];
  for (const [k, v] of Object.entries(set)) args.push('--set', `modelmgmtservice.${k}=${v}`);
  const objects = YAML.parseAllDocuments(runOk(helm.bin, args, { env: helm.env }).stdout)
    .map((d) => d.toJS())
    .filter(Boolean);
  const configMap = objects.find((o) => o.kind === 'ConfigMap')?.data;
  const deployment = objects.find((o) => o.kind === 'Deployment');
  const job = objects.find((o) => o.kind === 'Job');
  assert(configMap && deployment && job, 'the chart rendered no ConfigMap, Deployment or Job');
  const literal = (container) =>
    Object.fromEntries(
      (container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value]),
    );
  return {
    app: { ...configMap, ...literal(deployment.spec.template.spec.containers[0]) },
    migrations: literal(job.spec.template.spec.containers[0]),
  };
}
