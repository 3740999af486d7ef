// helm template of the chart with a value set, as objects, split into hooks and release objects.
import path from 'node:path';
import YAML from 'yaml';
import { runOk } from '../lib/checks.mjs';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const CHART = path.join(root, 'helm', 'modelmgmtservice');
export const RELEASE = 'modelmgmtservice';
export const NAMESPACE = 'traininghost';
export const RECIPE = path.join(root, 'test', 'fixtures', 'aimlfw-recipe-example.yaml');

/** Named value sets: helm arguments. The recipe is AIMLFW's, unchanged (one key per component). */
export const VALUE_SETS = {
  defaults: [],
  'AIMLFW recipe': ['-f', RECIPE],
  'HPA + PDB + all options (values-full)': ['-f', path.join(root, 'scripts/deploy/values-full.yaml')],
  'S3 off with persistence (values-filesystem)': [
    '-f',
    path.join(root, 'scripts/deploy/values-filesystem.yaml'),
  ],
};

export const hookOf = (o) => o.metadata?.annotations?.['helm.sh/hook'];
export const weightOf = (o) => Number(o.metadata?.annotations?.['helm.sh/hook-weight'] ?? 0);
export const nameOf = (o) => `${o.kind}/${o.metadata.name}`;

export function render(helm, args) {
  const r = runOk(helm.bin, ['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args], {
    env: helm.env,
  });
  const objects = YAML.parseAllDocuments(r.stdout)
    .map((d) => d.toJS())
    .filter((o) => o && typeof o === 'object');
  return {
    all: objects,
    hooks: objects.filter(hookOf).sort((a, b) => weightOf(a) - weightOf(b)),
    release: objects.filter((o) => !hookOf(o)),
  };
}
