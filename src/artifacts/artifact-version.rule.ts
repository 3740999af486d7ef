import { STRICT_ARTIFACT_VERSION_PATTERN } from '../models/dto/model-path-params.dto';
import { MAX_ARTIFACT_VERSION_NUMBER } from '../models/dto/model-registration.dto';

type Triple = [number, number, number];

/** The next version would pass {@link MAX_ARTIFACT_VERSION_NUMBER}: no upload can be numbered. */
export class ArtifactVersionsExhaustedError extends Error {
  constructor(readonly after: string) {
    super(`No artifact version is left after ${after}`);
    this.name = 'ArtifactVersionsExhaustedError';
  }
}

/**
 * The version an upload gets, by the Go service's rule: `0.0.0` → `1.0.0`, then `x.y.z` → `x.(y+1).z`.
 * It counts from the later of the registration's current version and the latest recorded upload, so a
 * version moved back by `updateArtifact` (or an empty or unparsable one) never yields a version
 * that already has an archive. Every version it returns parses again (each number at most
 * {@link MAX_ARTIFACT_VERSION_NUMBER}); when none is left it throws {@link ArtifactVersionsExhaustedError}.
 */
export function nextArtifactVersion(current: string, latestRecorded?: string | null): string {
  const recorded: Triple | null = latestRecorded == null ? [0, 0, 0] : parse(latestRecorded);
  // A record the rule cannot parse (past the bound, left by an older release): any version chosen
  // from below it might already be taken.
  if (!recorded) throw new ArtifactVersionsExhaustedError(latestRecorded!);
  const stored = parse(current);
  const [base, text] =
    stored && compare(stored, recorded) >= 0 ? [stored, current] : [recorded, latestRecorded];
  const [major, minor, patch] = base;
  if (major === 0 && minor === 0 && patch === 0) return '1.0.0';
  if (minor >= MAX_ARTIFACT_VERSION_NUMBER) throw new ArtifactVersionsExhaustedError(text ?? current);
  return `${major}.${minor + 1}.${patch}`;
}

/** Orders `x.y.z` strings numerically (`1.10.0` after `1.9.0`); unparsable ones count as `0.0.0`. */
export function compareArtifactVersions(a: string, b: string): number {
  return compare(parse(a) ?? [0, 0, 0], parse(b) ?? [0, 0, 0]);
}

function parse(version: string): Triple | null {
  const match = STRICT_ARTIFACT_VERSION_PATTERN.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
