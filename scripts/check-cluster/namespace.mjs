// The namespace AIMLFW installs into, labelled Pod Security "restricted" (enforce, and warn so that
// any violation also shows as a warning), and the secrets the chart references by default.
import { assert } from '../lib/checks.mjs';
import { NAMESPACE } from './render.mjs';
import { eventually } from './workloads.mjs';

const secret = (name, key) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace: NAMESPACE },
  stringData: { [key]: 'not-a-real-password' },
});

export async function setUpNamespace(kube) {
  const objects = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: NAMESPACE,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    },
    secret('tm-db-postgresql', 'postgres-password'),
    secret('leofs-secret', 'password'),
  ];
  for (const object of objects) {
    const r = await kube.create(object);
    assert(r.status === 201, `${object.kind}/${object.metadata.name}: ${r.status} ${r.body?.message ?? ''}`);
  }
  // The controller manager creates the namespace's default ServiceAccount; pods need it to exist.
  await eventually(async () => (await kube.get('ServiceAccount', NAMESPACE, 'default')).status === 200);
  return 'created; default ServiceAccount present';
}
