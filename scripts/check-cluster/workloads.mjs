// What the controller manager made of the release: ReplicaSets of the Deployment and Pods that
// admission let in (no kubelet here, so they stay Pending).
import { assert } from '../lib/checks.mjs';
import { NAMESPACE, RELEASE } from './render.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value (or throws its last error after `within` ms). */
export async function eventually(fn, within = 30_000) {
  const deadline = Date.now() + within;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('condition not met');
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(500);
  }
}

const owned = (o, kind, name) =>
  (o.metadata.ownerReferences ?? []).some((r) => r.kind === kind && r.name === name);

/** The Deployment's ReplicaSet for its current template, with all its pods created (admitted). */
export async function deploymentAdmitted(kube, deploymentName = RELEASE) {
  return eventually(async () => {
    const dep = (await kube.get('Deployment', NAMESPACE, deploymentName)).body;
    const revision = dep.metadata?.annotations?.['deployment.kubernetes.io/revision'];
    const sets = (await kube.list('ReplicaSet', NAMESPACE)).filter((rs) =>
      owned(rs, 'Deployment', deploymentName),
    );
    const current = sets.find(
      (rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision,
    );
    if (!current) return undefined;
    const failure = (current.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure');
    assert(!failure, `ReplicaSet ${current.metadata.name}: ${failure?.message}`);
    const pods = (await kube.list('Pod', NAMESPACE)).filter((p) =>
      owned(p, 'ReplicaSet', current.metadata.name),
    );
    if (pods.length < current.spec.replicas) return undefined;
    return `ReplicaSet ${current.metadata.name} (revision ${revision}), ${pods.length} pod(s) admitted, ${pods.map((p) => p.status.phase).join('/')}`;
  });
}

/** A Job's pod created by the Job controller (so admitted), or the Job's failure condition. */
export async function jobPodAdmitted(kube, jobName) {
  return eventually(async () => {
    const job = (await kube.get('Job', NAMESPACE, jobName)).body;
    const failure = (job.status?.conditions ?? []).find((c) => c.type === 'Failed');
    assert(!failure, `Job ${jobName}: ${failure?.message}`);
    const pods = (await kube.list('Pod', NAMESPACE)).filter((p) => owned(p, 'Job', jobName));
    return pods.length
      ? `Job ${jobName}: pod ${pods[0].metadata.name} admitted, ${pods[0].status.phase}`
      : undefined;
  });
}

/** Every namespaced object labelled as the release's, across all listable resources. */
export async function releaseLeftovers(kube) {
  const left = [];
  for (const res of await kube.listableResources()) {
    if (res.name === 'events') continue;
    const r = await kube.request(
      'GET',
      `${res.path}/namespaces/${NAMESPACE}/${res.name}?labelSelector=${encodeURIComponent(`app.kubernetes.io/instance=${RELEASE}`)}`,
    );
    for (const item of r.body?.items ?? []) left.push(`${res.kind}/${item.metadata.name}`);
  }
  return left;
}
