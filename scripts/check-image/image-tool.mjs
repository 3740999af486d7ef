// The shared image tool (container-image-local.sh: buildah build, podman + runc run with the chart's
// security context) and podman queries. IMAGE_TOOL overrides where the tool is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findShared, sharedDirCandidates } from '../lib/shared-dir.mjs';
import { assert, run, runOk } from '../lib/checks.mjs';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const IMAGE = process.env.CHECK_IMAGE ?? 'localhost/modelmgmtservice:check';

export const TOOL = [process.env.IMAGE_TOOL, findShared('tools', 'container-image-local.sh')]
  .filter(Boolean)
  .find((p) => fs.existsSync(p));

/** FROM's default (ARG NODE_IMAGE=...), as the local stand-in base is named. */
export function baseImage() {
  const from = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8').match(/^ARG NODE_IMAGE=(\S+)/m)?.[1];
  assert(from, 'no ARG NODE_IMAGE in the Dockerfile');
  return from.includes('/') ? from : `docker.io/library/${from}`;
}

/** The Node version the stand-in base is built with: the newest of the Dockerfile's major. */
export function toolEnv() {
  const major = baseImage().match(/node:(\d+)/)?.[1];
  return {
    ...process.env,
    BASE_IMAGE: baseImage(),
    NODE_VERSION: process.env.NODE_VERSION ?? NODE_VERSIONS[major] ?? '',
    NPM_VERSION: process.env.NPM_VERSION ?? NPM_VERSIONS[major] ?? '',
  };
}
// Pinned so the cached base stays valid between runs (bump deliberately).
const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };
const NPM_VERSIONS = { 22: '10.9.9', 24: '11.21.2' };

export function build() {
  assert(
    TOOL,
    `container-image-local.sh not found (looked in ${sharedDirCandidates()
      .map((dir) => `${dir}/tools`)
      .join(', ')}; set IMAGE_TOOL)`,
  );
  const r = run('bash', [TOOL, 'build', root, IMAGE], {
    env: toolEnv(),
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (r.status !== 0)
    throw new Error(`image build failed (${r.status}):\n${r.stderr.split('\n').slice(-20).join('\n')}`);
}

export function inspect(image, format) {
  return runOk('podman', ['image', 'inspect', image, '--format', format]).stdout.trim();
}

/** A command in the image as the chart runs a pod (foreground); resolves { code, output }. */
export function runCommand(env, command, { memory } = {}) {
  const args = [TOOL, 'run', IMAGE, ...envArgs(env), '--', ...command];
  return new Promise((resolve) => {
    const child = spawn('bash', args, {
      env: { ...toolEnv(), ...(memory !== undefined && { MEMORY: memory }) },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** The image's CMD, detached; returns { id, tmpDir } (tmpDir: its emptyDir stand-in, to remove). */
export function startDetached(env, { memory } = {}) {
  const r = runOk('bash', [TOOL, 'run', IMAGE, ...envArgs(env)], {
    env: { ...toolEnv(), ...(memory !== undefined && { MEMORY: memory }) },
  });
  return { id: r.stdout.trim().split('\n').at(-1), tmpDir: r.stderr.match(/rm -rf (\S+)/)?.[1] };
}

export function logs(id) {
  const r = run('podman', ['logs', id]);
  return `${r.stdout}${r.stderr}`;
}

export function removeContainer({ id, tmpDir }) {
  run('podman', ['rm', '-f', '-t', '0', id]);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

function envArgs(env) {
  return Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
}
