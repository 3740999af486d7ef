// A minimal client of the Kubernetes API (kubeconfig with a token, as kube-apiserver-local.sh writes),
// so the API server's own answer is seen: status, body and its Warning headers (Pod Security, field
// validation). The machine's kubectl may be many minors away from the server.
import fs from 'node:fs';
import https from 'node:https';
import YAML from 'yaml';

// The kinds the chart renders (plus Namespace and Secret for the set-up): path pieces of their REST API.
const RESOURCES = {
  Namespace: ['/api/v1', 'namespaces', false],
  Secret: ['/api/v1', 'secrets', true],
  ServiceAccount: ['/api/v1', 'serviceaccounts', true],
  ConfigMap: ['/api/v1', 'configmaps', true],
  Service: ['/api/v1', 'services', true],
  Pod: ['/api/v1', 'pods', true],
  PersistentVolumeClaim: ['/api/v1', 'persistentvolumeclaims', true],
  Deployment: ['/apis/apps/v1', 'deployments', true],
  ReplicaSet: ['/apis/apps/v1', 'replicasets', true],
  Job: ['/apis/batch/v1', 'jobs', true],
  HorizontalPodAutoscaler: ['/apis/autoscaling/v2', 'horizontalpodautoscalers', true],
  PodDisruptionBudget: ['/apis/policy/v1', 'poddisruptionbudgets', true],
};
export const NAMESPACED_KINDS = Object.keys(RESOURCES).filter((k) => RESOURCES[k][2]);

export function kubeClient(kubeconfigPath) {
  const config = YAML.parse(fs.readFileSync(kubeconfigPath, 'utf8'));
  const cluster = config.clusters[0].cluster;
  const token = config.users[0].user.token;
  const ca = Buffer.from(cluster['certificate-authority-data'], 'base64');
  const server = new URL(cluster.server);

  function request(method, path, body) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = https.request(
        {
          host: server.hostname,
          port: server.port,
          path,
          method,
          ca,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(payload && { 'content-type': 'application/json', 'content-length': payload.length }),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            const warnings = [res.headers.warning ?? []].flat().flatMap((w) => w.split(/,\s*(?=\d{3} )/));
            let json;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode, body: json ?? text, warnings });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  const collection = (kind, namespace) => {
    const [prefix, plural, namespaced] = RESOURCES[kind] ?? [];
    if (!prefix) throw new Error(`kind ${kind} is not known to kube-client.mjs`);
    return namespaced ? `${prefix}/namespaces/${namespace}/${plural}` : `${prefix}/${plural}`;
  };

  return {
    /** POST the object; dryRun: server-side dry run. fieldValidation=Strict: unknown fields are errors. */
    create(object, { dryRun = false } = {}) {
      const query = `?fieldValidation=Strict${dryRun ? '&dryRun=All' : ''}`;
      return request('POST', collection(object.kind, object.metadata.namespace) + query, object);
    },
    async list(kind, namespace, labelSelector = '') {
      const r = await request(
        'GET',
        `${collection(kind, namespace)}?labelSelector=${encodeURIComponent(labelSelector)}`,
      );
      if (r.status !== 200)
        throw new Error(`list ${kind}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      return r.body.items;
    },
    get: (kind, namespace, name) => request('GET', `${collection(kind, namespace)}/${name}`),
    delete: (kind, namespace, name) =>
      request('DELETE', `${collection(kind, namespace)}/${name}`, { propagationPolicy: 'Background' }),
    /** Every API group/version's namespaced resources that can be listed (for "nothing left behind"). */
    async listableResources() {
      const paths = ['/api/v1'];
      const groups = (await request('GET', '/apis')).body.groups ?? [];
      for (const g of groups) paths.push(`/apis/${g.preferredVersion.groupVersion}`);
      const out = [];
      for (const p of paths) {
        const r = await request('GET', p);
        for (const res of r.body?.resources ?? [])
          if (res.namespaced && !res.name.includes('/') && res.verbs.includes('list'))
            out.push({ path: p, ...res });
      }
      return out;
    },
    request,
  };
}
