// Layouts the chart must refuse before anything reaches a cluster.
import { assert, run } from '../lib/checks.mjs';
import { CHART, RELEASE } from './render.mjs';

const CASES = [
  {
    name: 's3.enabled=false without persistence (archives on the emptyDir)',
    set: ['modelmgmtservice.s3.enabled=false'],
    says: /s3\.enabled=false keeps the archives under dataDir.*Enable persistence or S3/,
  },
  {
    name: 'maxUploadBytes above 5 GiB with S3',
    set: ['modelmgmtservice.config.maxUploadBytes=5368709121'],
    says: /maxUploadBytes.*(maximum|5368709120|5\.36870912e\+09)/,
  },
];

export function chartRefusals(helm) {
  const results = [];
  for (const c of CASES) {
    const r = run(helm.bin, ['template', RELEASE, CHART, ...c.set.flatMap((s) => ['--set', s])], {
      env: helm.env,
    });
    assert(r.status !== 0, `${c.name}: rendered without complaint`);
    assert(c.says.test(r.stderr.replace(/\n/g, ' ')), `${c.name}: unexpected error:\n${r.stderr}`);
    results.push(`${c.name}: refused`);
  }
  const allowed = run(
    helm.bin,
    [
      'template',
      RELEASE,
      CHART,
      '--set',
      'modelmgmtservice.s3.enabled=false',
      '--set',
      'modelmgmtservice.persistence.enabled=true',
      '--set',
      'modelmgmtservice.config.maxUploadBytes=10737418240',
    ],
    { env: helm.env },
  );
  assert(allowed.status === 0, `S3 off with persistence and 10 GiB uploads refused:\n${allowed.stderr}`);
  results.push('S3 off with persistence, 10 GiB uploads: accepted');
  return results.join('; ');
}
