#!/usr/bin/env node
// npm run check:cluster: the chart against a real Kubernetes API server (kube-apiserver-local.sh:
// etcd + kube-apiserver + controller manager on loopback; no scheduler, no kubelet). Namespace
// traininghost with Pod Security "restricted" enforced (and warned on); every rendered object
// dry-run server-side; helm install (AIMLFW recipe), upgrade (defaults), rollback, uninstall; the
// hooks created by their objects. Env: KUBE_TOOL, KEEP_APISERVER=1 (leave it running).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, checkRunner } from '../lib/checks.mjs';
import { helmIn } from '../lib/helm.mjs';
import { startApiServer, stopApiServer } from './apiserver.mjs';
import { dryRunAll } from './dry-run.mjs';
import { helmRelease } from './helm-release.mjs';
import { runHooks } from './hooks.mjs';
import { kubeClient } from './kube-client.mjs';
import { chartRefusals } from './refusals.mjs';
import { NAMESPACE, nameOf, RECIPE, render, VALUE_SETS } from './render.mjs';
import { setUpNamespace } from './namespace.mjs';
import { deploymentAdmitted, eventually, releaseLeftovers } from './workloads.mjs';

const { check, finish } = checkRunner('check-cluster');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cluster-'));
let started = false;

try {
  let kube;
  let helm;
  const up = await check('local API server up (kube-apiserver-local.sh)', () => {
    const kubeconfig = startApiServer();
    started = true;
    kube = kubeClient(kubeconfig);
    helm = helmIn(tmp, { KUBECONFIG: kubeconfig });
    return `${kubeconfig}; ${helm.version}`;
  });
  if (up) {
    await check('chart refuses layouts that would lose archives or that the service refuses', () =>
      chartRefusals(helm),
    );
    await check(
      `namespace ${NAMESPACE} (Pod Security restricted: enforce + warn) and the secrets the chart expects`,
      () => setUpNamespace(kube),
    );
    // The control: the chart's Pod with its hardening taken away must be refused, so that the
    // dry runs below can fail at all.
    await check('control: Pod Security refuses the chart\'s pod without its security context', async () => {
      const pod = render(helm, []).all.find((object) => object.kind === 'Pod');
      const bare = structuredClone(pod);
      bare.metadata.name = `${bare.metadata.name}-control`;
      delete bare.spec.securityContext;
      for (const container of bare.spec.containers) delete container.securityContext;
      const refused = await dryRunAll(kube, [bare]).then(
        () => false,
        (error) => error.message,
      );
      assert(refused, 'a pod with no security context was admitted: the dry runs could not fail');
      return refused.split('\n')[0];
    });
    for (const [name, args] of Object.entries(VALUE_SETS))
      await check(
        `server-side dry run, strict field validation, admission: every object (${name})`,
        async () => {
          const verdicts = await dryRunAll(kube, render(helm, args).all);
          return `\n         ${verdicts.join('\n         ')}`;
        },
      );

    const recipe = render(helm, ['-f', RECIPE]);
    const defaults = render(helm, []);
    await check('pre-install hooks (AIMLFW recipe) by their objects', () =>
      runHooks(kube, recipe.hooks, 'pre-install'),
    );
    await check(
      'helm install -f <AIMLFW recipe> --no-hooks: accepted, ReplicaSet and pods admitted',
      async () => {
        helmRelease(helm, 'install', ['-f', RECIPE]);
        return deploymentAdmitted(kube);
      },
    );
    await check('test hook (helm test) by its objects', () => runHooks(kube, recipe.hooks, 'test'));
    await check('pre-upgrade hooks (defaults) by their objects', () =>
      runHooks(kube, defaults.hooks, 'pre-upgrade'),
    );
    await check(
      'helm upgrade --reset-values (defaults): accepted, new ReplicaSet and pods admitted',
      async () => {
        helmRelease(helm, 'upgrade', ['--reset-values']);
        return deploymentAdmitted(kube);
      },
    );
    await check('helm rollback to revision 1: accepted, ReplicaSet and pods admitted', async () => {
      helmRelease(helm, 'rollback', ['1']);
      return deploymentAdmitted(kube);
    });
    await check('helm uninstall: nothing of the release is left', async () => {
      helmRelease(helm, 'uninstall');
      let left = [];
      await eventually(async () => {
        const records = (await kube.list('Secret', NAMESPACE, 'owner=helm')).map(
          (o) => `Secret/${o.metadata.name}`,
        );
        left = [...(await releaseLeftovers(kube)), ...records];
        return left.length === 0;
      }, 45_000).catch(() => undefined);
      assert(left.length === 0, `left behind: ${left.join(', ')}`);
      const kept = defaults.release.filter(
        (o) => o.metadata.annotations?.['helm.sh/resource-policy'] === 'keep',
      );
      return `no object labelled app.kubernetes.io/instance, no Helm record${kept.length ? `; kept by design: ${kept.map(nameOf)}` : ''}`;
    });
  }
} finally {
  if (started && process.env.KEEP_APISERVER !== '1') stopApiServer();
  fs.rmSync(tmp, { recursive: true, force: true });
  finish();
}
