import { HttpStatus } from '@nestjs/common';
import { DependencyUnavailableException, DomainException } from '../common/domain.exception';

/** The artifact store failed; the cause goes to the log, not to the client. */
export class ArtifactStoreUnavailableException extends DependencyUnavailableException {
  constructor(override readonly cause: unknown) {
    super('The artifact store is unavailable; retry later');
  }
}

/**
 * The store has no room for the upload (disk full, quota). 507, not 503: retrying the same upload
 * will not help until someone frees space, and the client can tell it apart from an outage.
 */
export class ArtifactStoreFullException extends DomainException {
  readonly status = HttpStatus.INSUFFICIENT_STORAGE;

  constructor(readonly reason: string) {
    super(`The artifact store has no space left for this upload (${reason}); it was not stored`);
  }
}

/** Disk full and quota errors, as a short reason (`ENOSPC`, `EDQUOT`); null for any other error. */
export function outOfSpaceReason(error: unknown): string | null {
  const candidate = error as { code?: unknown; name?: unknown; $metadata?: { httpStatusCode?: number } };
  if (candidate?.code === 'ENOSPC' || candidate?.code === 'EDQUOT') return candidate.code;
  // MinIO below its free-space threshold; any S3 service answering 507.
  if (candidate?.name === 'XMinioStorageFull') return candidate.name;
  if (candidate?.$metadata?.httpStatusCode === 507) return 'S3 507 Insufficient Storage';
  return null;
}

/**
 * The filesystem store found a symbolic link under its root where it expects its own directory or
 * file (`at`, relative to the root): planted, not made by the service. It never follows one.
 */
export class ArtifactStoreLinkError extends Error {
  constructor(readonly at: string) {
    super(`Symbolic link in the artifact store at ${at}`);
    this.name = 'ArtifactStoreLinkError';
  }
}

/** What the store holds for a recorded archive cannot be served as that archive. */
export class ArchiveNotServableException extends DomainException {
  readonly status = HttpStatus.INTERNAL_SERVER_ERROR;
}

/** An upload would have been written through a symbolic link; nothing was stored. */
export class UploadThroughLinkException extends DomainException {
  readonly status = HttpStatus.INTERNAL_SERVER_ERROR;

  constructor(modelName: string, modelVersion: string) {
    super(
      `The artifact store holds a symbolic link where the archives of model ${modelName} version ` +
        `${modelVersion} go; the upload was not stored`,
    );
  }
}
