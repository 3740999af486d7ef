import type { Readable } from 'node:stream';
import type { ArtifactKeyLayout, ArtifactRef, ModelRef } from './artifact-key.layout';
import type { ByteRange } from './byte-range.parser';

/** Injection token for the configured {@link ArtifactStore}. */
export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');

export interface StoredObject {
  readonly sizeBytes: number;
  /** The store's own validator (S3's quoted ETag), when it has one. */
  readonly etag?: string;
}

/** An object's bytes, with the size of the whole object (whatever range was asked for). */
export interface StoredBody {
  readonly body: Readable;
  readonly totalBytes: number;
}

/** An archive a training pipeline stored, as its listing shows it. */
export interface PipelineArchive {
  readonly artifactVersion: string;
  readonly sizeBytes: number;
  readonly etag?: string;
  readonly lastModified: Date;
}

/**
 * Read-only access to the archives the training pipelines store themselves, with the model-storage
 * SDK (see `pipelineArchiveLayout`). A bucket that does not exist, or that the service may not read,
 * holds none: lookups answer null or [], never an error; other failures (the service unreachable)
 * throw.
 */
export interface PipelineArchives {
  /** `<bucket>/<key>` of the archive, for logs. */
  locationOf(artifact: ArtifactRef): string;
  head(artifact: ArtifactRef): Promise<StoredObject | null>;
  get(artifact: ArtifactRef, range?: ByteRange): Promise<StoredBody | null>;
  /** Every archive of the model version, in no particular order. */
  list(model: ModelRef): Promise<PipelineArchive[]>;
}

/** Where archives' bytes live: the local filesystem or an S3-compatible service. */
export interface ArtifactStore {
  /** For logs and readiness. */
  readonly kind: 'filesystem' | 's3';
  readonly layout: ArtifactKeyLayout;
  /** Writes the stream under `key`; when it fails, nothing is left under `key`. */
  put(key: string, body: Readable): Promise<void>;
  /**
   * The object's bytes (only `range`, when given) and its whole size; null when there is no such
   * object. The filesystem store throws ArtifactStoreLinkError rather than follow a link.
   */
  get(key: string, range?: ByteRange): Promise<StoredBody | null>;
  head(key: string): Promise<StoredObject | null>;
  /**
   * Throws ArtifactStoreLinkError when a directory on the way to `key` is a symbolic link (the
   * filesystem store; S3 has no links). What does not exist yet is fine.
   */
  refuseLinks?(key: string): Promise<void>;
  /** Idempotent. */
  delete(key: string): Promise<void>;
  /**
   * Makes `to` hold the bytes of `from`; `from` stays. The filesystem refuses an existing `to` (a hard
   * link); S3 replaces it (a server-side copy).
   */
  copy(from: string, to: string): Promise<void>;
  /**
   * Removes temporary upload objects older than `olderThanMs` that `isRecorded` does not claim (what
   * uploads cut by a crash left behind); returns how many. Absent where the store has its own
   * expiry (an S3 lifecycle rule on the `.incoming/` prefix).
   */
  sweepIncoming?(olderThanMs: number, isRecorded: (key: string) => Promise<boolean>): Promise<number>;
  /** The pipelines' own archives (S3 only: the pipelines write to S3, never to this service's disk). */
  readonly pipelineArchives?: PipelineArchives;
  /** Resolves when the store can serve reads and writes; `signal` aborts a slow check. */
  check(signal?: AbortSignal): Promise<void>;
}
