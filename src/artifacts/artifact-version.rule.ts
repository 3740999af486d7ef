import { STRICT_ARTIFACT_VERSION_PATTERN } from '../models/dto/model-path-params.dto';

type Triple = [number, number, number];

/**
 * The version an upload gets, by the Go service's rule: `0.0.0` → `1.0.0`, then `x.y.z` → `x.(y+1).z`.
 * It counts from the later of the registration's current version and the latest recorded upload, so a
 * version moved back by `updateArtifact` (or an empty or unparsable one) never yields a version
 * that already has an archive.
 */
export function nextArtifactVersion(current: string, latestRecorded?: string | null): string {
  const base = [parse(current), parse(latestRecorded)].reduce((a, b) => (compare(a, b) >= 0 ? a : b));
  const [major, minor, patch] = base;
  if (major === 0 && minor === 0 && patch === 0) return '1.0.0';
  return `${major}.${minor + 1}.${patch}`;
}

/** Orders `x.y.z` strings numerically (`1.10.0` after `1.9.0`); unparsable ones count as `0.0.0`. */
export function compareArtifactVersions(a: string, b: string): number {
  return compare(parse(a), parse(b));
}

function parse(version: string | null | undefined): Triple {
  const match = STRICT_ARTIFACT_VERSION_PATTERN.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
