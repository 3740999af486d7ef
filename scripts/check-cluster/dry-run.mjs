// Every rendered object (hooks included) through the real API server with a server-side dry run:
// schema and strict field validation, defaulting, admission (Pod Security "restricted" enforced and
// warned on). ServiceAccounts are created for real first (admission refuses a Pod naming a missing
// one) and deleted after. Returns the verdict per object; throws on a refusal or any warning.
import { assert } from '../lib/checks.mjs';
import { NAMESPACE, nameOf } from './render.mjs';

export async function dryRunAll(kube, objects) {
  const verdicts = [];
  const problems = [];
  const accounts = objects.filter((o) => o.kind === 'ServiceAccount');
  // A Pod may name an existing ServiceAccount (migrations.serviceAccountName): create it as its owner would.
  for (const pod of objects.filter((o) => o.kind === 'Pod')) {
    const name = pod.spec.serviceAccountName;
    if (name && !accounts.some((a) => a.metadata.name === name))
      accounts.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: NAMESPACE } });
  }
  const ordered = [...accounts, ...objects.filter((o) => o.kind !== 'ServiceAccount')];
  try {
    for (const object of ordered) {
      const real = object.kind === 'ServiceAccount';
      const r = await kube.create(object, { dryRun: !real });
      const ok = r.status === 201 || r.status === 200;
      const verdict = ok
        ? `${r.status} ${real ? 'created' : 'accepted (dry run)'}`
        : `${r.status} ${r.body?.message ?? r.body}`;
      verdicts.push(
        `${nameOf(object)}: ${verdict}${r.warnings.length ? ` (warnings: ${r.warnings.join('; ')})` : ''}`,
      );
      if (!ok || r.warnings.length) problems.push(verdicts.at(-1));
    }
  } finally {
    for (const account of accounts) await kube.delete('ServiceAccount', NAMESPACE, account.metadata.name);
  }
  assert(!problems.length, problems.join('\n'));
  return verdicts;
}
