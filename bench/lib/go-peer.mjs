// Where the upstream Go service (the peer we replace) is: shared/peers/go-mme/ (see
// scripts/lib/shared-dir.mjs for where shared/ is looked for), or BENCH_GO_PEER; BENCH_GO=0 leaves it out.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sharedDirCandidates } from '../../scripts/lib/shared-dir.mjs';

/** { dir, start } when the peer is there, else { missing: why }. */
export function findGoPeer() {
  if (process.env.BENCH_GO === '0') return { missing: 'BENCH_GO=0' };
  const candidates = process.env.BENCH_GO_PEER ? [resolve(process.env.BENCH_GO_PEER)] : defaultCandidates();
  for (const dir of candidates) {
    if (existsSync(join(dir, 'start.sh')) && existsSync(join(dir, 'go-mme')))
      return { dir, start: join(dir, 'start.sh') };
  }
  return { missing: `no start.sh and go-mme in ${candidates.join(' or ')}` };
}

function defaultCandidates() {
  return sharedDirCandidates().map((dir) => join(dir, 'peers', 'go-mme'));
}
