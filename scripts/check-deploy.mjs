#!/usr/bin/env node
// Offline checks of the delivery artefacts (SPEC §8): Helm chart, Dockerfile, image
// scripts, and the runtime set the image is made of. One line per check, then
//   check-deploy: N passed, M failed
// Options: --skip-runtime (chart/Dockerfile/scripts only). Env: AIMLFW_RECIPE (path of the
// recipe; default test/fixtures/aimlfw-recipe-example.yaml), DATABASE_URL
// (when set, the migrations are also run against fresh databases on that server).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFieldChecker, validateWithModel } from './deploy/k8s-models.mjs';
import { HELM_VERSION, helmCacheDir, helmIn } from './lib/helm.mjs';
import { findShared } from './lib/shared-dir.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const YAML = require('yaml');
const chartDir = path.join(root, 'helm', 'modelmgmtservice');
const RELEASE = 'modelmgmtservice';
const NAMESPACE = 'traininghost';
const skipRuntime = process.argv.includes('--skip-runtime');
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'check-deploy-'));
const started = Date.now();

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${detail ? ` (${detail})` : ''}`);
  } catch (err) {
    failed++;
    const msg = String(err?.message ?? err)
      .trim()
      .split('\n')
      .slice(0, 12)
      .join('\n       ');
    console.log(`FAIL ${name}: ${msg}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}
function runOk(cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    // npm puts the cause first and usage after it; other tools put it last
    let lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`
      .split('\n')
      .filter((l) => l.trim() && !/^npm error\s*$/.test(l));
    const usage = lines.findIndex((l) => /^npm error (Clean install a project|Usage:)/.test(l));
    if (usage > 0) lines = lines.slice(0, usage);
    const shown = lines.length > 16 ? [...lines.slice(0, 8), '...', ...lines.slice(-6)] : lines;
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${shown.join('\n')}`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Helm (scripts/lib/helm.mjs: fetched once per machine, cached outside the clone). It must not
// touch the user's config or any cluster.
// ---------------------------------------------------------------------------------------
let helm = null;
let helmEnv = null;
function loadHelm() {
  const loaded = helmIn(tmpRoot, { KUBECONFIG: path.join(tmpRoot, 'no-kubeconfig') });
  ({ bin: helm, env: helmEnv } = loaded);
  return `${loaded.version} in ${helmCacheDir()}`;
}
function helmRun(args, chart = chartDir) {
  assert(helm, 'helm binary unavailable');
  return run(
    helm,
    [...args.slice(0, 1), ...(args[0] === 'lint' ? [chart] : [RELEASE, chart]), ...args.slice(1)],
    {
      env: helmEnv,
    },
  );
}
function render(args = [], chart = chartDir) {
  const r = helmRun(['template', ...args], chart);
  if (r.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${r.stderr}`);
  const docs = YAML.parseAllDocuments(r.stdout);
  for (const d of docs) if (d.errors.length) throw new Error(`rendered YAML invalid: ${d.errors[0].message}`);
  return docs.map((d) => d.toJS()).filter((o) => o && typeof o === 'object');
}

function resolveRecipe() {
  const candidates = [
    process.env.AIMLFW_RECIPE,
    path.join(root, 'test', 'fixtures', 'aimlfw-recipe-example.yaml'),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`AIMLFW recipe not found (looked at ${candidates.join(', ')})`);
  return found;
}

// ---------------------------------------------------------------------------------------
// Helpers over rendered objects
// ---------------------------------------------------------------------------------------
const find = (objs, kind, name) => {
  const o = objs.find((x) => x.kind === kind && (!name || x.metadata?.name === name));
  if (!o) throw new Error(`no ${kind}${name ? ` named ${name}` : ''} rendered`);
  return o;
};
const podSpecOf = (o) => (o.kind === 'Pod' ? o.spec : o.spec?.template?.spec);
const podMetaOf = (o) => (o.kind === 'Pod' ? o.metadata : o.spec?.template?.metadata);
const workloads = (objs) => objs.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind));
const containersOf = (o) => [...(podSpecOf(o).initContainers ?? []), ...podSpecOf(o).containers];
const envOf = (c) => Object.fromEntries((c.env ?? []).map((e) => [e.name, e.valueFrom ?? e.value]));
const isHook = (o) => Boolean(o.metadata?.annotations?.['helm.sh/hook']);
const appContainer = (objs) => find(objs, 'Deployment', RELEASE).spec.template.spec.containers[0];

function validateAll(objs, unknownFields) {
  for (const o of objs) {
    const id = `${o.kind}/${o.metadata?.name}`;
    try {
      validateWithModel(o);
    } catch (e) {
      throw new Error(`${id}: ${e.message}`);
    }
    const unknown = unknownFields(o);
    if (unknown.length) throw new Error(`${id}: unknown fields ${unknown.join(', ')}`);
  }
  return objs.length;
}

function assertSecretRef(env, name, secret, key) {
  const ref = env[name]?.secretKeyRef;
  assert(ref, `${name} is not taken from a secret`);
  eq({ name: ref.name, key: ref.key }, { name: secret, key }, `${name} secretKeyRef`);
}

function assertHardened(o) {
  const spec = podSpecOf(o);
  const id = `${o.kind}/${o.metadata.name}`;
  const psc = spec.securityContext ?? {};
  eq(psc.runAsNonRoot, true, `${id} pod runAsNonRoot`);
  assert(
    Number.isInteger(psc.runAsUser) && psc.runAsUser > 0,
    `${id} pod runAsUser must be a non-zero number`,
  );
  eq(psc.seccompProfile?.type, 'RuntimeDefault', `${id} pod seccompProfile`);
  eq(spec.automountServiceAccountToken, false, `${id} automountServiceAccountToken`);
  assert(!spec.hostNetwork && !spec.hostPID && !spec.hostIPC, `${id} uses host namespaces`);
  assert(!(spec.volumes ?? []).some((v) => v.hostPath), `${id} mounts a hostPath`);
  eq(spec.nodeSelector?.['kubernetes.io/arch'], 'amd64', `${id} nodeSelector kubernetes.io/arch`);
  for (const c of containersOf(o)) {
    const sc = c.securityContext ?? {};
    const cid = `${id} container ${c.name}`;
    eq(sc.readOnlyRootFilesystem, true, `${cid} readOnlyRootFilesystem`);
    eq(sc.allowPrivilegeEscalation, false, `${cid} allowPrivilegeEscalation`);
    assert(sc.capabilities?.drop?.includes('ALL'), `${cid} must drop ALL capabilities`);
    assert(!sc.capabilities?.add?.length, `${cid} adds capabilities`);
    assert(!sc.privileged, `${cid} is privileged`);
    eq(sc.runAsNonRoot, true, `${cid} runAsNonRoot`);
    eq(sc.seccompProfile?.type, 'RuntimeDefault', `${cid} seccompProfile`);
    assert(
      c.resources?.requests?.memory && c.resources?.limits?.memory,
      `${cid} needs memory requests and limits`,
    );
    assert(c.resources?.requests?.cpu, `${cid} needs a cpu request`);
  }
}

function assertTmpEmptyDir(o) {
  const spec = podSpecOf(o);
  const c = spec.containers[0];
  const mount = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
  assert(mount, `${o.kind}/${o.metadata.name}: no volume mounted at /tmp`);
  const vol = (spec.volumes ?? []).find((v) => v.name === mount.name);
  assert(vol?.emptyDir, `${o.kind}/${o.metadata.name}: /tmp is not an emptyDir`);
}

const RECOMMENDED_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
];
function assertLabels(objs) {
  for (const o of objs) {
    for (const l of RECOMMENDED_LABELS)
      assert(o.metadata?.labels?.[l], `${o.kind}/${o.metadata?.name} lacks label ${l}`);
    eq(o.metadata.labels['app.kubernetes.io/name'], 'modelmgmtservice', `${o.kind} app.kubernetes.io/name`);
    eq(o.metadata.labels['app.kubernetes.io/instance'], RELEASE, `${o.kind} app.kubernetes.io/instance`);
    eq(o.metadata.labels['app.kubernetes.io/managed-by'], 'Helm', `${o.kind} app.kubernetes.io/managed-by`);
    if (podMetaOf(o) && o.kind !== 'Pod') {
      for (const l of RECOMMENDED_LABELS)
        assert(podMetaOf(o).labels?.[l], `${o.kind} pod template lacks label ${l}`);
    }
  }
}

// The hook Job runs before the release's objects exist: any ConfigMap, Secret,
// ServiceAccount or PVC it references must not be a non-hook object of the release
// (nor a hook with an equal or higher weight).
function assertJobSelfContained(objs, job) {
  const weight = (o) => Number(o.metadata?.annotations?.['helm.sh/hook-weight'] ?? 0);
  const released = new Map();
  for (const o of objs) {
    if (o === job) continue;
    if (
      isHook(o) &&
      o.metadata.annotations['helm.sh/hook'].includes('pre-install') &&
      weight(o) < weight(job)
    )
      continue;
    released.set(`${o.kind}/${o.metadata.name}`, o);
  }
  const spec = job.spec.template.spec;
  const refs = [];
  if (spec.serviceAccountName) refs.push(`ServiceAccount/${spec.serviceAccountName}`);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) refs.push(`ConfigMap/${v.configMap.name}`);
    if (v.secret) refs.push(`Secret/${v.secret.secretName}`);
    if (v.persistentVolumeClaim) refs.push(`PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}`);
  }
  for (const c of containersOf(job)) {
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef) refs.push(`ConfigMap/${e.configMapRef.name}`);
      if (e.secretRef) refs.push(`Secret/${e.secretRef.name}`);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) refs.push(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef) refs.push(`Secret/${e.valueFrom.secretKeyRef.name}`);
    }
  }
  const bad = refs.filter((r) => released.has(r));
  assert(!bad.length, `hook Job depends on objects the release creates after it: ${bad.join(', ')}`);
  return refs;
}

// ---------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------
async function helmChecks() {
  await check(`helm: Helm ${HELM_VERSION} (cached, else fetched)`, loadHelm);
  let recipe = null;
  await check('helm: AIMLFW recipe file present', () => {
    recipe = resolveRecipe();
    const doc = YAML.parse(fs.readFileSync(recipe, 'utf8'));
    assert(doc?.modelmgmtservice?.image?.repository, 'recipe has no modelmgmtservice.image.repository');
    return path.relative(root, recipe);
  });
  await check('helm lint --strict (defaults)', () => {
    const r = helmRun(['lint', '--strict']);
    assert(r.status === 0, r.stdout + r.stderr);
    return r.stdout.match(/\d+ chart\(s\) linted, \d+ chart\(s\) failed/)?.[0];
  });
  await check('helm lint --strict -f <AIMLFW recipe> and with all options on', () => {
    assert(recipe, 'no recipe');
    for (const extra of [
      ['-f', recipe],
      ['-f', path.join(root, 'scripts/deploy/values-full.yaml')],
      ['-f', path.join(root, 'scripts/deploy/values-filesystem.yaml')],
    ]) {
      const r = helmRun(['lint', '--strict', ...extra]);
      assert(r.status === 0, `${extra.join(' ')}: ${r.stdout}${r.stderr}`);
    }
  });

  let unknownFields = null;
  await check('kubernetes-models: load validators and type declarations', () => {
    const t = Date.now();
    unknownFields = createFieldChecker(root);
    return `${Date.now() - t} ms`;
  });
  const validated = { count: 0 };
  const scenarios = {};
  const scenarioArgs = {
    defaults: [],
    recipe: recipe ? ['-f', recipe] : null,
    full: ['-f', path.join(root, 'scripts/deploy/values-full.yaml')],
    filesystem: ['-f', path.join(root, 'scripts/deploy/values-filesystem.yaml')],
  };
  for (const [name, args] of Object.entries(scenarioArgs)) {
    await check(`helm template (${name}): every object valid, no unknown fields`, () => {
      assert(args, 'no recipe');
      assert(unknownFields, 'kubernetes-models unavailable');
      const objs = render(args);
      scenarios[name] = objs;
      const n = validateAll(objs, unknownFields);
      validated.count += n;
      return `${n} objects: ${objs.map((o) => o.kind).join(', ')}`;
    });
  }

  const d = scenarios.defaults ?? [];
  const r = scenarios.recipe ?? [];
  const need = (objs) => assert(objs.length, 'render failed');

  await check('chart: names and namespace (Service modelmgmtservice in traininghost)', () => {
    need(r);
    for (const [kind, name] of [
      ['Service', 'modelmgmtservice'],
      ['Deployment', 'modelmgmtservice'],
      ['ConfigMap', 'modelmgmtservice-configmap'],
      ['ServiceAccount', 'modelmgmtservice'],
      ['Job', 'modelmgmtservice-migrations'],
      ['Pod', 'modelmgmtservice-test-ready'],
    ])
      find(r, kind, name);
    for (const o of r) eq(o.metadata.namespace, NAMESPACE, `${o.kind}/${o.metadata.name} namespace`);
    for (const kind of [
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'PersistentVolumeClaim',
      'Secret',
    ]) {
      assert(!r.some((o) => o.kind === kind), `${kind} rendered by default`);
    }
  });
  await check('chart: Service NodePort 32006 -> port 8082 -> container port http', () => {
    need(r);
    const svc = find(r, 'Service', RELEASE);
    eq(svc.spec.type, 'NodePort', 'service type');
    eq(svc.spec.ports.length, 1, 'service port count');
    const [p] = svc.spec.ports;
    eq([p.port, p.nodePort, p.protocol], [8082, 32006, 'TCP'], 'service port/nodePort/protocol');
    const c = appContainer(r);
    const cp = c.ports.find((x) => x.name === p.targetPort || x.containerPort === p.targetPort);
    assert(cp, `targetPort ${p.targetPort} matches no container port`);
    eq(cp.containerPort, 8082, 'containerPort');
    const podLabels = find(r, 'Deployment', RELEASE).spec.template.metadata.labels;
    for (const [k, v] of Object.entries(svc.spec.selector))
      eq(podLabels[k], v, `pod label ${k} (service selector)`);
    const dep = find(r, 'Deployment', RELEASE);
    eq(
      dep.spec.selector.matchLabels,
      { 'app.kubernetes.io/name': 'modelmgmtservice', 'app.kubernetes.io/instance': RELEASE },
      'deployment selector (same as the Go chart: immutable)',
    );
  });
  await check('chart: ConfigMap carries the upstream connection settings', () => {
    need(r);
    const cm = find(r, 'ConfigMap', 'modelmgmtservice-configmap').data;
    for (const [k, v] of Object.entries({
      PORT: '8082',
      HOST: '0.0.0.0',
      PG_HOST: 'tm-db-postgresql',
      PG_PORT: '5432',
      PG_USER: 'postgres',
      PG_DBNAME: 'training_manager_database',
      S3_URL: 'http://leofs.kubeflow:8080',
      S3_ACCESS_KEY: 'leofs',
      MODEL_FILE_POSTFIX: '_model.zip',
      LLM_PROVIDER: 'stub',
    }))
      eq(cm[k], v, `ConfigMap ${k}`);
    assert(cm.DATA_DIR?.startsWith('/tmp/'), `DATA_DIR must be under the /tmp emptyDir, got ${cm.DATA_DIR}`);
    for (const v of Object.values(cm)) assert(typeof v === 'string', 'ConfigMap values must be strings');
    for (const k of Object.keys(cm))
      assert(!/PASSWORD|SECRET|^LLM_API_KEY$|^API_KEYS$/.test(k), `secret-looking key ${k} in ConfigMap`);
  });
  await check('chart: secrets from existing secrets, RUN_MIGRATIONS=false on the app', () => {
    need(r);
    const c = appContainer(r);
    eq(c.envFrom?.[0]?.configMapRef?.name, 'modelmgmtservice-configmap', 'envFrom configMapRef');
    const env = envOf(c);
    eq(env.RUN_MIGRATIONS, 'false', 'RUN_MIGRATIONS');
    assertSecretRef(env, 'PG_PASSWORD', 'tm-db-postgresql', 'postgres-password');
    assertSecretRef(env, 'S3_SECRET_KEY', 'leofs-secret', 'password');
    assert(!env.LLM_API_KEY && !env.API_KEYS, 'LLM_API_KEY/API_KEYS set without a secret configured');
  });
  await check('chart: probes (startup, liveness /health/live, readiness /health/ready)', () => {
    need(r);
    const c = appContainer(r);
    eq(c.livenessProbe?.httpGet?.path, '/health/live', 'liveness path');
    eq(c.readinessProbe?.httpGet?.path, '/health/ready', 'readiness path');
    assert(c.startupProbe?.httpGet?.path, 'no startup probe');
    eq(c.startupProbe.httpGet.path, '/health/live', 'startup path');
    for (const p of [c.livenessProbe, c.readinessProbe, c.startupProbe])
      eq(p.httpGet.port, 'http', 'probe port');
    const budget = c.startupProbe.periodSeconds * c.startupProbe.failureThreshold;
    assert(budget >= 60, `startup probe allows only ${budget}s`);
    assert(c.lifecycle?.preStop, 'no preStop delay before SIGTERM drain');
  });
  await check('chart: restricted security context, /tmp emptyDir, resources, nodeSelector amd64', () => {
    need(r);
    for (const o of workloads(r)) assertHardened(o);
    assertTmpEmptyDir(find(r, 'Deployment', RELEASE));
    assertTmpEmptyDir(find(r, 'Job'));
    for (const o of workloads(scenarios.full ?? [])) assertHardened(o);
    for (const o of workloads(scenarios.filesystem ?? [])) assertHardened(o);
    const sa = find(r, 'ServiceAccount', RELEASE);
    eq(sa.automountServiceAccountToken, false, 'ServiceAccount automountServiceAccountToken');
    eq(
      find(r, 'Deployment', RELEASE).spec.template.spec.serviceAccountName,
      RELEASE,
      'Deployment serviceAccountName',
    );
  });
  await check('chart: migration hook Job (pre-install/pre-upgrade, self-contained)', () => {
    need(r);
    const job = find(r, 'Job');
    const a = job.metadata.annotations ?? {};
    eq(a['helm.sh/hook']?.split(',').sort(), ['pre-install', 'pre-upgrade'], 'helm.sh/hook');
    assert(
      a['helm.sh/hook-delete-policy']?.split(',').includes('before-hook-creation'),
      'hook-delete-policy lacks before-hook-creation',
    );
    assert(Number.isInteger(job.spec.backoffLimit), 'no backoffLimit');
    assert(Number.isInteger(job.spec.activeDeadlineSeconds), 'no activeDeadlineSeconds');
    eq(job.spec.template.spec.restartPolicy, 'Never', 'restartPolicy');
    const c = job.spec.template.spec.containers[0];
    eq([...(c.command ?? []), ...(c.args ?? [])], ['node', 'dist/database/migrate.js'], 'migration command');
    eq(c.image, appContainer(r).image, 'migration image');
    const env = envOf(c);
    eq(
      [env.PG_HOST, env.PG_PORT, env.PG_USER, env.PG_DBNAME],
      ['tm-db-postgresql', '5432', 'postgres', 'training_manager_database'],
      'Job PG_* env',
    );
    assertSecretRef(env, 'PG_PASSWORD', 'tm-db-postgresql', 'postgres-password');
    // The release's ServiceAccount does not exist yet at pre-install: the hooks get their own.
    eq(job.spec.template.spec.serviceAccountName, `${RELEASE}-hooks`, 'Job serviceAccountName');
    for (const objs of [r, scenarios.full, scenarios.filesystem].filter(Boolean))
      assertJobSelfContained(objs, find(objs, 'Job'));
    const refs = assertJobSelfContained(r, job);
    return `references only ${refs.join(', ')}`;
  });
  await check('chart: helm test pod calls /health/ready with the app image', () => {
    need(r);
    const pod = find(r, 'Pod');
    eq(pod.metadata.annotations?.['helm.sh/hook'], 'test', 'helm.sh/hook');
    eq(pod.spec.restartPolicy, 'Never', 'restartPolicy');
    const c = pod.spec.containers[0];
    eq(c.image, appContainer(r).image, 'test image');
    const argv = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
    assert(argv.startsWith('node '), 'test pod does not use node');
    assert(
      argv.includes(`http://${RELEASE}.${NAMESPACE}.svc:8082/health/ready`),
      `test pod does not call the Service's /health/ready: ${argv}`,
    );
    // the inline script must be valid JavaScript
    const script = c.command[c.command.indexOf('-e') + 1];
    const syntax = run(process.execPath, ['--check', '-'], { input: script });
    eq(syntax.status, 0, `test script syntax (${syntax.stderr.trim()})`);
  });
  await check('chart: recommended app.kubernetes.io/* labels on every object', () => {
    need(r);
    for (const objs of Object.values(scenarios)) assertLabels(objs);
  });
  await check("chart: image chosen by the recipe's modelmgmtservice.image.*", () => {
    need(r);
    for (const o of workloads(r)) {
      for (const c of containersOf(o)) {
        eq(c.image, 'modelmgmtservice:latest', `${o.kind} image`);
        eq(c.imagePullPolicy, 'IfNotPresent', `${o.kind} imagePullPolicy`);
      }
    }
    // the same recipe with other image values: every container follows it
    const recipe = YAML.parse(fs.readFileSync(resolveRecipe(), 'utf8'));
    recipe.modelmgmtservice.image = {
      repository: 'nexus.example.org:10004/o-ran-sc/modelmgmtservice',
      tag: '4.0.0',
      pullPolicy: 'Always',
    };
    const alt = path.join(tmpRoot, 'recipe-alt.yaml');
    fs.writeFileSync(alt, YAML.stringify(recipe));
    for (const o of workloads(render(['-f', alt]))) {
      for (const c of containersOf(o)) {
        eq(c.image, 'nexus.example.org:10004/o-ran-sc/modelmgmtservice:4.0.0', `${o.kind} image`);
        eq(c.imagePullPolicy, 'Always', `${o.kind} imagePullPolicy`);
      }
    }
    const appVersion = YAML.parse(fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8')).appVersion;
    eq(appContainer(d).image, `modelmgmtservice:${appVersion}`, 'default image (chart appVersion)');
  });
  await check('chart: S3/LLM/API keys/HPA/PDB enabled', () => {
    const f = scenarios.full;
    assert(f?.length, 'render failed');
    const cm = find(f, 'ConfigMap').data;
    eq(
      [
        cm.S3_URL,
        cm.S3_BUCKET,
        cm.S3_REGION,
        cm.LLM_PROVIDER,
        cm.LLM_MODEL,
        cm.LLM_BASE_URL,
        cm.API_KEYS_PROTECT_READS,
      ],
      [
        'http://minio.storage:9000',
        'aimlfw-models',
        'us-east-1',
        'openai',
        'gpt-4o-mini',
        'https://llm.example.org/v1',
        'true',
      ],
      'ConfigMap values',
    );
    const env = envOf(appContainer(f));
    assertSecretRef(env, 'S3_SECRET_KEY', 'minio-credentials', 'secret-key');
    assertSecretRef(env, 'LLM_API_KEY', 'llm-credentials', 'api-key');
    assertSecretRef(env, 'API_KEYS', 'mms-api-keys', 'keys');
    eq(env.NODE_OPTIONS, '--max-old-space-size=384', 'extraEnv');
    const dep = find(f, 'Deployment');
    assert(dep.spec.replicas === undefined, 'replicas must be left to the HPA');
    const hpa = find(f, 'HorizontalPodAutoscaler');
    eq(hpa.apiVersion, 'autoscaling/v2', 'HPA apiVersion');
    eq(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: RELEASE }, 'HPA target');
    eq(
      [hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics.length],
      [2, 6, 2],
      'HPA bounds/metrics',
    );
    const pdb = find(f, 'PodDisruptionBudget');
    eq(pdb.apiVersion, 'policy/v1', 'PDB apiVersion');
    eq(pdb.spec.minAvailable, 1, 'PDB minAvailable');
    assert(pdb.spec.maxUnavailable === undefined, 'PDB sets both minAvailable and maxUnavailable');
    eq(pdb.spec.selector.matchLabels, dep.spec.selector.matchLabels, 'PDB selector');
    const pullSecrets = podSpecOf(dep).imagePullSecrets;
    eq(pullSecrets, [{ name: 'regcred' }], 'imagePullSecrets');
    eq(find(f, 'Job').spec.ttlSecondsAfterFinished, 3600, 'Job ttlSecondsAfterFinished');
  });
  await check('chart: S3 off -> PVC-backed DATA_DIR, release namespace, ClusterIP', () => {
    const f = scenarios.filesystem;
    assert(f?.length, 'render failed');
    const cm = find(f, 'ConfigMap').data;
    assert(!cm.S3_URL, 'S3_URL set with s3.enabled=false');
    const dep = find(f, 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    assert(!envOf(c).S3_SECRET_KEY, 'S3_SECRET_KEY set with s3.enabled=false');
    const pvc = find(f, 'PersistentVolumeClaim');
    const mount = c.volumeMounts.find((m) => m.mountPath === cm.DATA_DIR);
    assert(mount, `DATA_DIR ${cm.DATA_DIR} is not a mount`);
    const vol = dep.spec.template.spec.volumes.find((v) => v.name === mount.name);
    eq(vol.persistentVolumeClaim?.claimName, pvc.metadata.name, 'DATA_DIR volume claim');
    eq(pvc.metadata.annotations?.['helm.sh/resource-policy'], 'keep', 'PVC resource-policy');
    eq(find(f, 'Service').spec.type, 'ClusterIP', 'service type');
    assert(!find(f, 'Service').spec.ports[0].nodePort, 'nodePort on a ClusterIP service');
    for (const o of f) eq(o.metadata.namespace, 'default', `${o.kind} namespace (release namespace)`);
    assert(!f.some((o) => o.kind === 'ServiceAccount'), 'ServiceAccount rendered with create=false');
    eq(find(f, 'Job').spec.template.spec.serviceAccountName, 'migrator', 'Job serviceAccountName');
    assert(!c.lifecycle, 'preStop rendered with preStopSleepSeconds=0');
  });
  await check("values.schema.json: open to the recipe's keys, strict under modelmgmtservice", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'));
    assert(schema.additionalProperties !== false, 'schema rejects unknown top-level keys');
    eq(
      schema.properties?.modelmgmtservice?.additionalProperties,
      false,
      'modelmgmtservice additionalProperties',
    );
    const recipe = YAML.parse(fs.readFileSync(resolveRecipe(), 'utf8'));
    const others = Object.keys(recipe).filter((k) => k !== 'modelmgmtservice');
    assert(others.length >= 5, 'recipe has fewer top-level keys than expected');
    render(['--set', 'kserve.image.tag=latest', '--set', 'somecomponent.enabled=true']);
    for (const [bad, why] of [
      [['--set', 'modelmgmtservice.replicas=2'], 'misspelt key'],
      [['--set', 'modelmgmtservice.service.nodePort=40000'], 'nodePort out of range'],
      [['--set', 'modelmgmtservice.llm.provider=bard'], 'unknown LLM provider'],
      [['--set-string', 'modelmgmtservice.replicaCount=two'], 'wrong type'],
    ]) {
      const res = helmRun(['template', ...bad]);
      assert(res.status !== 0, `schema accepted ${bad.join(' ')} (${why})`);
      assert(/schema/i.test(res.stderr), `failure is not a schema error: ${res.stderr}`);
    }
    return `recipe keys accepted: ${others.join(', ')}`;
  });
  await check('chart: NOTES.txt renders', () => {
    // helm template does not render NOTES.txt: render a copy of it as a template.
    const copy = path.join(tmpRoot, 'chart-notes');
    fs.cpSync(chartDir, copy, { recursive: true });
    fs.writeFileSync(
      path.join(copy, 'templates', 'zz-notes.yaml'),
      '{{ include (print .Chart.Name "/templates/NOTES.txt") . | dict "notes" | toYaml }}\n',
    );
    const res = helmRun(['template', '-f', resolveRecipe(), '--show-only', 'templates/zz-notes.yaml'], copy);
    assert(res.status === 0, res.stderr);
    const notes = YAML.parse(res.stdout).notes;
    for (const s of [
      'traininghost',
      '32006',
      `helm test ${RELEASE}`,
      'job/modelmgmtservice-migrations',
      'leofs-secret',
    ]) {
      assert(notes.includes(s), `NOTES.txt lacks "${s}"`);
    }
    return `${notes.split('\n').length} lines`;
  });
  return validated;
}

// ---------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------
async function dockerfileChecks() {
  const file = path.join(root, 'Dockerfile');
  const content = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  await check('Dockerfile: dockerfile-utils lint, no error-severity problem', () => {
    assert(content, 'Dockerfile missing');
    const { validate, ValidationSeverity } = require('dockerfile-utils');
    const problems = validate(content, {});
    const errors = problems.filter((p) => p.severity === 1);
    assert(!errors.length, errors.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; '));
    void ValidationSeverity;
    return `${problems.length} problem(s) in total`;
  });
  await check(
    'Dockerfile: multi-stage on node:24 (LTS) Debian slim, prod deps only, numeric USER, exec CMD',
    () => {
      const { DockerfileParser } = require(
        require.resolve('dockerfile-ast', { paths: [path.dirname(require.resolve('dockerfile-utils'))] }),
      );
      const df = DockerfileParser.parse(content);
      const froms = df.getFROMs();
      assert(froms.length >= 2, `expected a multi-stage build, found ${froms.length} FROM`);
      // resolve ARG defaults used in FROM (ARG NODE_IMAGE=node:24-bookworm-slim)
      const args = Object.fromEntries(
        df.getInitialARGs().flatMap((a) => a.getProperties().map((p) => [p.getName(), p.getValue()])),
      );
      const images = froms.map((f) => f.getImageName() + (f.getImageTag() ? `:${f.getImageTag()}` : ''));
      const resolved = froms.map((f) => {
        const raw = f.getArgumentsContent?.() ?? f.getTextContent().replace(/^FROM\s+/i, '');
        const ref = raw.split(/\s+/).filter((t) => !t.startsWith('--'))[0];
        return ref.replace(/\$\{?(\w+)\}?/g, (_, n) => args[n] ?? '');
      });
      const stageNames = froms.map((f) => f.getBuildStage()).filter(Boolean);
      const external = resolved.filter((ref) => !stageNames.includes(ref));
      for (const ref of external)
        assert(
          /^node:24[.\d]*-(bookworm|trixie)-slim(@sha256:[a-f0-9]{64})?$/.test(ref),
          `base image ${ref} is not node:24 Debian slim`,
        );
      const stages = df.getInstructions().reduce((acc, ins) => {
        if (ins.getKeyword() === 'FROM') acc.push([]);
        if (acc.length) acc.at(-1).push(ins);
        return acc;
      }, []);
      const last = stages.at(-1);
      const kw = (ins) => ins.getKeyword();
      const text = (ins) => ins.getTextContent();
      // runtime: no npm install of dev deps, no build; node_modules from a --omit=dev stage
      const allRuns = df
        .getInstructions()
        .filter((i) => kw(i) === 'RUN')
        .map(text);
      assert(
        allRuns.some((t) => /npm ci\b(?!.*--omit=dev)/.test(t)),
        'no build stage with the full dependency tree (npm ci)',
      );
      assert(
        allRuns.some((t) => /npm (run build|run-script build)/.test(t)),
        'no npm run build',
      );
      const prodRun = allRuns.find((t) => /npm ci\b.*--omit=dev/.test(t));
      assert(prodRun, 'no npm ci --omit=dev');
      const lastRuns = last.filter((i) => kw(i) === 'RUN').map(text);
      assert(
        !lastRuns.some((t) => /npm (ci|install)\b(?!.*--omit=dev)|npm run build/.test(t)),
        'runtime stage installs dev dependencies or builds',
      );
      const copies = last.filter((i) => kw(i) === 'COPY').map(text);
      const nmCopy = copies.find((t) => /node_modules/.test(t));
      if (nmCopy) {
        const from = nmCopy.match(/--from=(\S+)/)?.[1];
        const stageIdx = froms.findIndex((f) => f.getBuildStage() === from);
        assert(stageIdx >= 0, `node_modules copied from unknown stage ${from}`);
        assert(
          stages[stageIdx].some((i) => /npm ci\b.*--omit=dev/.test(text(i))),
          `node_modules come from stage ${from}, which does not npm ci --omit=dev`,
        );
      } else {
        assert(
          lastRuns.some((t) => /--omit=dev/.test(t)),
          'runtime stage has no production node_modules',
        );
      }
      assert(
        copies.some((t) => /--from=\S+.*dist/.test(t)),
        'runtime stage does not copy dist/ from the build stage',
      );
      const env = last
        .filter((i) => kw(i) === 'ENV')
        .map(text)
        .join(' ');
      assert(/NODE_ENV=production\b/.test(env), 'runtime stage does not set NODE_ENV=production');
      const users = last.filter((i) => kw(i) === 'USER');
      assert(users.length, 'runtime stage has no USER');
      const user = users
        .at(-1)
        .getTextContent()
        .replace(/^USER\s+/i, '')
        .trim();
      assert(/^[1-9]\d*(:\d+)?$/.test(user), `USER must be numeric and non-root, got "${user}"`);
      const cmds = df.getCMDs();
      assert(cmds.length === 1, `expected one CMD, found ${cmds.length}`);
      const cmdJson = cmds[0]
        .getTextContent()
        .replace(/^CMD\s+/i, '')
        .trim();
      let cmd;
      try {
        cmd = JSON.parse(cmdJson);
      } catch {
        throw new Error(`CMD is not exec form: ${cmdJson}`);
      }
      eq(cmd, ['node', 'dist/main.js'], 'CMD');
      assert(!df.getInstructions().some((i) => kw(i) === 'ENTRYPOINT'), 'ENTRYPOINT would wrap the CMD');
      assert(
        !df.getInstructions().some((i) => kw(i) === 'HEALTHCHECK'),
        'HEALTHCHECK present (Kubernetes probes do that)',
      );
      return `${froms.length} stages from ${[...new Set(images)].join(', ')} = ${[...new Set(external)].join(', ')}; USER ${user}`;
    },
  );
  await check('.dockerignore keeps node_modules, dist, data, .git out of the context', () => {
    const ignore = fs
      .readFileSync(path.join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim().replace(/^\/|\/$/g, ''));
    for (const p of ['node_modules', 'dist', 'data', '.git', '.env'])
      assert(ignore.includes(p), `.dockerignore lacks ${p}`);
    for (const p of ['package.json', 'package-lock.json', 'src', 'tsconfig.json'])
      assert(!ignore.includes(p), `.dockerignore excludes ${p}, which the build needs`);
  });
}

// ---------------------------------------------------------------------------------------
// Image scripts, against a fake container CLI that records its calls
// ---------------------------------------------------------------------------------------
async function scriptChecks() {
  const bin = path.join(tmpRoot, 'fakebin');
  const state = path.join(tmpRoot, 'fake-images');
  const log = path.join(tmpRoot, 'fake-calls');
  fs.mkdirSync(bin, { recursive: true });
  const fake = `#!/usr/bin/env bash
# fake container CLI: images live one per line in $FAKE_IMAGES; calls are logged
echo "$(basename "$0") $*" >> "$FAKE_LOG"
args=("$@"); [[ "\${args[0]}" == --namespace ]] && args=("\${args[@]:2}")
case "\${args[0]}" in
  build) exit 0 ;;
  image) [[ "\${args[1]}" == ls ]] && cat "$FAKE_IMAGES"; exit 0 ;;
  rmi)
    rc=0
    for img in "\${args[@]:1}"; do
      if grep -qxF -- "$img" "$FAKE_IMAGES"; then grep -vxF -- "$img" "$FAKE_IMAGES" > "$FAKE_IMAGES.n" || true; mv "$FAKE_IMAGES.n" "$FAKE_IMAGES"
      else echo "Error: No such image: $img" >&2; rc=1; fi
    done
    exit $rc ;;
esac
exit 2
`;
  for (const name of ['docker', 'nerdctl']) fs.writeFileSync(path.join(bin, name), fake, { mode: 0o755 });
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const env = (engine) => ({
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    FAKE_IMAGES: state,
    FAKE_LOG: log,
    CONTAINER_ENGINE: engine,
  });
  const calls = () =>
    fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];

  await check('scripts: bash -n on build-image.sh, remove-images.sh', () => {
    for (const s of ['build-image.sh', 'remove-images.sh', 'deploy/engine.sh'])
      runOk('bash', ['-n', path.join(root, 'scripts', s)]);
    for (const s of ['build-image.sh', 'remove-images.sh'])
      assert(fs.statSync(path.join(root, 'scripts', s)).mode & 0o111, `${s} is not executable`);
  });
  await check('scripts: build-image.sh builds --platform linux/amd64 (docker and nerdctl)', () => {
    for (const engine of ['docker', 'nerdctl']) {
      fs.rmSync(log, { force: true });
      runOk('bash', [path.join(root, 'scripts/build-image.sh')], { env: env(engine) });
      const [call] = calls();
      assert(call?.startsWith(`${engine} `), `expected a ${engine} call, got ${call}`);
      assert(
        / build /.test(` ${call} `) && call.includes('--platform linux/amd64'),
        `build call lacks --platform linux/amd64: ${call}`,
      );
      assert(
        call.includes('-t modelmgmtservice:latest') && call.includes(`-t modelmgmtservice:${version}`),
        `build call tags: ${call}`,
      );
      assert(call.endsWith(root), `build context is not the repo root: ${call}`);
      if (engine === 'nerdctl')
        assert(call.includes('--namespace k8s.io'), 'nerdctl build not in the k8s.io namespace');
    }
  });
  await check('scripts: remove-images.sh uses one rmi for the whole list and is idempotent', () => {
    fs.writeFileSync(state, `modelmgmtservice:latest\nmodelmgmtservice:${version}\nother:1\n`);
    fs.rmSync(log, { force: true });
    runOk('bash', [path.join(root, 'scripts/remove-images.sh')], { env: env('nerdctl') });
    const rmis = calls().filter((c) => / rmi /.test(` ${c} `));
    eq(rmis.length, 1, 'number of rmi calls');
    assert(
      rmis[0].includes('modelmgmtservice:latest') && rmis[0].includes(`modelmgmtservice:${version}`),
      `rmi call: ${rmis[0]}`,
    );
    eq(fs.readFileSync(state, 'utf8'), 'other:1\n', 'images left');
    // again, with the images gone; then with one of two present
    fs.rmSync(log, { force: true });
    runOk('bash', [path.join(root, 'scripts/remove-images.sh')], { env: env('docker') });
    eq(calls().filter((c) => / rmi /.test(` ${c} `)).length, 0, 'rmi calls when nothing is present');
    fs.writeFileSync(state, 'modelmgmtservice:latest\n');
    runOk('bash', [path.join(root, 'scripts/remove-images.sh')], { env: env('docker') });
    eq(fs.readFileSync(state, 'utf8'), '', 'images left');
  });
}

// ---------------------------------------------------------------------------------------
// Runtime set: what the image's runtime stage holds, run outside a container
// ---------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cleanEnv(extra) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (
      /^(DATABASE_URL|PG[A-Z_]*|S3_[A-Z_]+|LLM_[A-Z_]+|API_KEYS.*|PORT|HOST|MMES_URL|DATA_DIR|RUN_MIGRATIONS|MODEL_FILE_POSTFIX|NODE_OPTIONS|npm_.*)$/.test(
        k,
      )
    )
      delete env[k];
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

async function startApp(dir, env, label) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const app = { child, base, exited, log: () => output.split('\n').slice(-15).join('\n'), label };
  const t0 = Date.now();
  let last = 'no answer';
  while (Date.now() - t0 < 30_000) {
    if (child.exitCode !== null)
      throw new Error(`${label} exited with ${child.exitCode} before ready:\n${app.log()}`);
    try {
      const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2000) });
      last = `HTTP ${res.status}`;
      if (res.status === 200) {
        app.readyMs = Date.now() - t0;
        return app;
      }
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(250);
  }
  await stopApp(app).catch(() => {});
  throw new Error(`${label}: /health/ready not 200 within 30 s (last: ${last})\n${app.log()}`);
}

async function stopApp(app) {
  app.child.kill('SIGTERM');
  const res = await Promise.race([app.exited, sleep(20_000).then(() => null)]);
  if (!res) {
    app.child.kill('SIGKILL');
    throw new Error(`${app.label} did not exit within 20 s of SIGTERM`);
  }
  if (res.code !== 0)
    throw new Error(
      `${app.label} exited with code ${res.code} signal ${res.signal} after SIGTERM:\n${app.log()}`,
    );
}

function copyRepo(dest) {
  const git = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  const skip = /^(node_modules|dist|data|coverage)(\/|$)/;
  if (git.status === 0 && git.stdout) {
    const files = git.stdout.split('\0').filter((f) => f && !skip.test(f));
    for (const f of files) {
      const src = path.join(root, f);
      if (!fs.existsSync(src) || fs.statSync(src).isDirectory()) continue;
      fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
      fs.copyFileSync(src, path.join(dest, f));
    }
    return `${files.length} files from git ls-files`;
  }
  fs.cpSync(root, dest, {
    recursive: true,
    filter: (src) =>
      !skip.test(path.relative(root, src)) && !/(^|\/)\.git(\/|$)/.test(path.relative(root, src)),
  });
  return 'copied (no git)';
}

async function runtimeChecks() {
  const dir = path.join(tmpRoot, 'repo');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npmFlags = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
  const npmEnv = cleanEnv({ NODE_ENV: '' });
  delete npmEnv.NODE_ENV;
  let built = false;
  let pruned = false;

  await check('runtime: clean copy, npm ci, npm run build', () => {
    fs.mkdirSync(dir, { recursive: true });
    const how = copyRepo(dir);
    runOk(npm, ['ci', ...npmFlags], { cwd: dir, env: npmEnv });
    runOk(npm, ['run', 'build'], { cwd: dir, env: npmEnv });
    for (const f of ['dist/main.js', 'dist/database/migrate.js'])
      assert(fs.existsSync(path.join(dir, f)), `${f} not built`);
    built = true;
    return how;
  });
  await check(
    'runtime: production dependencies only (rm -rf node_modules; npm ci --omit=dev --ignore-scripts)',
    () => {
      assert(built, 'build failed');
      fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
      // same command as the Dockerfile's deps stage
      runOk(npm, ['ci', '--omit=dev', '--ignore-scripts', ...npmFlags], { cwd: dir, env: npmEnv });
      for (const devOnly of ['@nestjs/cli', 'vitest', 'eslint']) {
        assert(!fs.existsSync(path.join(dir, 'node_modules', devOnly)), `dev dependency ${devOnly} present`);
      }
      pruned = true;
      const count = fs.readdirSync(path.join(dir, 'node_modules')).length;
      return `${count} top-level entries`;
    },
  );
  await check(
    'runtime: node dist/main.js (embedded store) ready in 30 s, /api-docs-json served, clean SIGTERM exit',
    async () => {
      assert(pruned, 'production install failed');
      const dataDir = fs.mkdtempSync(path.join(tmpRoot, 'data-'));
      const app = await startApp(dir, { DATA_DIR: dataDir }, 'app (embedded store)');
      try {
        const live = await fetch(`${app.base}/health/live`);
        eq(live.status, 200, '/health/live status');
        const docs = await fetch(`${app.base}/api-docs-json`);
        eq(docs.status, 200, '/api-docs-json status');
        const doc = await docs.json();
        assert(/^3\./.test(doc.openapi ?? ''), 'not an OpenAPI 3 document');
        assert(
          Object.keys(doc.paths ?? {}).some((p) => p.includes('model-registrations')),
          'OpenAPI document lacks the registration paths',
        );
      } finally {
        await stopApp(app);
      }
      return `ready after ${app.readyMs} ms`;
    },
  );

  const dbUrl = process.env.DATABASE_URL;
  if (!dbUrl) {
    console.log('skip runtime: migrations against PostgreSQL (DATABASE_URL not set)');
    return;
  }
  const pg = require('pg');
  const admin = new pg.Client({ connectionString: dbUrl });
  const created = [];
  const dbName = (suffix) => `mms_check_${process.pid}_${suffix}`;
  const urlFor = (name) => {
    const u = new URL(dbUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const pgEnvFor = (name) => {
    const u = new URL(dbUrl);
    return {
      PG_HOST: u.hostname,
      PG_PORT: u.port || '5432',
      PG_USER: decodeURIComponent(u.username),
      PG_PASSWORD: decodeURIComponent(u.password),
      PG_DBNAME: name,
    };
  };
  const migrate = (env) => {
    const r = run(process.execPath, ['dist/database/migrate.js'], {
      cwd: dir,
      env: cleanEnv(env),
      timeout: 60_000,
    });
    if (r.status !== 0)
      throw new Error(
        `migrate.js exited ${r.status}:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-12).join('\n')}`,
      );
  };
  const query = async (name, sql) => {
    const c = new pg.Client({ connectionString: urlFor(name) });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };
  try {
    await admin.connect();
    await check(
      'runtime: migrate.js on a fresh database, twice (DATABASE_URL, then chart-style PG_*)',
      async () => {
        assert(pruned, 'production install failed');
        const name = dbName('fresh');
        await admin.query(`CREATE DATABASE ${name}`);
        created.push(name);
        migrate({ DATABASE_URL: urlFor(name) });
        migrate(pgEnvFor(name));
        const tables = (
          await query(name, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        ).map((t) => t.table_name);
        for (const t of ['model_related_informations', 'target_environments'])
          assert(tables.includes(t), `table ${t} missing after migration`);
        return `tables: ${tables.sort().join(', ')}`;
      },
    );
    await check(
      'runtime: app on PostgreSQL via PG_* with RUN_MIGRATIONS=false (as the chart runs it)',
      async () => {
        assert(created.length, 'no migrated database');
        const app = await startApp(
          dir,
          {
            ...pgEnvFor(created[0]),
            RUN_MIGRATIONS: 'false',
            DATA_DIR: fs.mkdtempSync(path.join(tmpRoot, 'data-')),
          },
          'app (PostgreSQL)',
        );
        try {
          const res = await fetch(`${app.base}/ai-ml-model-discovery/v1/models/`);
          eq(res.status, 200, 'GET /ai-ml-model-discovery/v1/models/ status');
        } finally {
          await stopApp(app);
        }
        return `ready after ${app.readyMs} ms`;
      },
    );
    const legacy = findShared('legacy-schema.sql');
    if (legacy) {
      await check(
        "runtime: migrate.js adopts the Go service's database (legacy-schema.sql) without losing a registration",
        async () => {
          assert(pruned, 'production install failed');
          const name = dbName('legacy');
          await admin.query(`CREATE DATABASE ${name}`);
          created.push(name);
          await query(name, fs.readFileSync(legacy, 'utf8'));
          const before = Number(
            (await query(name, 'SELECT count(*) AS n FROM model_related_informations'))[0].n,
          );
          migrate(pgEnvFor(name));
          migrate(pgEnvFor(name));
          const after = Number(
            (await query(name, 'SELECT count(*) AS n FROM model_related_informations'))[0].n,
          );
          eq(after, before, 'registrations after migration');
          return `${after} registrations kept`;
        },
      );
    }
  } catch (e) {
    await check('runtime: PostgreSQL at DATABASE_URL reachable', () => {
      throw e;
    });
  } finally {
    for (const name of created)
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------
try {
  const validated = await helmChecks();
  await dockerfileChecks();
  await scriptChecks();
  if (skipRuntime) console.log('skip runtime checks (--skip-runtime)');
  else await runtimeChecks();
  console.log(
    `info: ${validated.count} rendered objects validated; ${Math.round((Date.now() - started) / 1000)} s`,
  );
} finally {
  fs.rmSync(tmpRoot, { recursive: true, force: true });
}
console.log(`check-deploy: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
