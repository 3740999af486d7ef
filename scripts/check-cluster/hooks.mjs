// The chart's hooks as Helm would run them, without waiting for a kubelet: created in weight order
// (the API server validates and admits them; the Job controller creates the Job's pod), then deleted
// as their hook-delete-policy says Helm deletes them once the event's hooks succeeded.
import { assert } from '../lib/checks.mjs';
import { hookOf, NAMESPACE, nameOf } from './render.mjs';
import { eventually, jobPodAdmitted } from './workloads.mjs';

export async function runHooks(kube, hooks, event) {
  const chosen = hooks.filter((h) => hookOf(h).split(',').includes(event));
  const verdicts = [];
  for (const hook of chosen) {
    const r = await kube.create(hook);
    assert(r.status === 201, `${nameOf(hook)}: ${r.status} ${r.body?.message ?? ''}`);
    assert(!r.warnings.length, `${nameOf(hook)}: warnings ${r.warnings.join('; ')}`);
    if (hook.kind === 'Job') verdicts.push(await jobPodAdmitted(kube, hook.metadata.name));
    else if (hook.kind === 'Pod')
      verdicts.push(
        `Pod ${hook.metadata.name} admitted, ${(await kube.get('Pod', NAMESPACE, hook.metadata.name)).body.status.phase}`,
      );
    else verdicts.push(`${nameOf(hook)} created`);
  }
  for (const hook of chosen.reverse()) {
    const policy = hook.metadata.annotations['helm.sh/hook-delete-policy'] ?? '';
    assert(
      policy.split(',').includes('hook-succeeded'),
      `${nameOf(hook)} is not deleted after success (policy "${policy}")`,
    );
    await kube.delete(hook.kind, NAMESPACE, hook.metadata.name);
  }
  await eventually(async () => {
    for (const hook of chosen)
      if ((await kube.get(hook.kind, NAMESPACE, hook.metadata.name)).status !== 404) return false;
    return true;
  });
  return `${event}: ${verdicts.join('; ')}; deleted by their policy`;
}
