import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { toModelResponse } from '../models/model.mapper';
import { ModelsService, notRegistered } from '../models/models.service';
import type { ModelRef } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore } from './artifact-store';
import {
  ArtifactStoreFullException,
  ArtifactStoreLinkError,
  ArtifactStoreUnavailableException,
  outOfSpaceReason,
  UploadThroughLinkException,
} from './artifact-store.exception';
import { NoArtifactVersionLeftException } from './artifact-version.exception';
import { ArtifactVersionsExhaustedError, nextArtifactVersion } from './artifact-version.rule';
import type { ModelUploadedResponseDto } from './dto/model-uploaded-response.dto';
import { ModelArtifactRepository, RecordedUpload } from './model-artifact.repository';
import { ArchiveStoreFailure, receiveZipArchive } from './multipart-archive.reader';

export const UPLOAD_SUCCESS_MESSAGE = 'Model uploaded successfully..';

/** A temporary upload object this old belongs to no live upload (even 5 GiB at 10 MB/s takes ~9 min). */
const STALE_UPLOAD_MS = 60 * 60 * 1000;

/**
 * Uploads: stream to a temporary key; in one short transaction under the registration's row lock,
 * pick the next version, record the archive under that key and bump the registration; after the
 * commit, give the archive its final key. A failure before the commit leaves nothing (no record,
 * no bump, no object); after it, the upload stands and is served from wherever its record points.
 */
@Injectable()
export class ArtifactUploadService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ArtifactUploadService.name);
  private finishing?: Promise<void>;

  constructor(
    private readonly models: ModelsService,
    private readonly artifacts: ModelArtifactRepository,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** In the background: start-up need not wait for it (shutdown does). */
  onApplicationBootstrap(): void {
    this.finishing = this.finishInterruptedUploads();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.finishing;
  }

  /**
   * Moves to their final keys the recorded uploads whose move failed or was cut short (retried at
   * every start), then removes the temporary objects of uploads cut before they were recorded.
   */
  async finishInterruptedUploads(): Promise<void> {
    try {
      for (const pending of await this.artifacts.findUnmoved()) {
        // promote() logs its own failures; finalKey() may refuse a record made under another layout.
        try {
          await this.promote(pending.artifactId, pending.storageKey, this.store.layout.finalKey(pending));
        } catch (error) {
          this.logger.warn({ err: error, key: pending.storageKey }, 'Could not move an interrupted upload');
        }
      }
      const removed = await this.store.sweepIncoming?.(STALE_UPLOAD_MS, (key) =>
        this.artifacts.isRecorded(key),
      );
      if (removed) this.logger.warn(`Removed ${removed} temporary file(s) of interrupted uploads`);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not finish interrupted uploads');
    }
  }

  async upload(model: ModelRef, request: IncomingMessage): Promise<ModelUploadedResponseDto> {
    if (!(await this.models.findByNameAndVersion(model.modelName, model.modelVersion))) {
      throw notRegistered(model.modelName, model.modelVersion);
    }
    const temporaryKey = this.store.layout.temporaryKey(model, randomUUID());
    try {
      // Before a byte is written: no link on the way to the temporary key or the model's folder.
      // The version's own folder is not known yet; copy() checks it again.
      await this.store.refuseLinks?.(temporaryKey);
      await this.store.refuseLinks?.(this.store.layout.finalKey({ ...model, artifactVersion: '0.0.0' }));
    } catch (error) {
      request.resume();
      throw this.storeFailure(model, error);
    }

    let received: Awaited<ReturnType<typeof receiveZipArchive>>;
    try {
      received = await receiveZipArchive(request, this.config.artifacts.maxUploadBytes, (body) =>
        this.store.put(temporaryKey, body),
      );
    } catch (error) {
      await this.discard(temporaryKey);
      if (error instanceof ArchiveStoreFailure) throw this.storeFailure(model, error.cause);
      throw error;
    }

    let recorded: RecordedUpload | null;
    try {
      recorded = await this.artifacts.recordUpload(
        model,
        { storageKey: temporaryKey, sizeBytes: received.sizeBytes, sha256: received.sha256 },
        (locked) => nextArtifactVersion(locked.currentVersion, locked.latestRecordedVersion),
      );
    } catch (error) {
      await this.discardUnlessRecorded(temporaryKey);
      if (error instanceof ArtifactVersionsExhaustedError)
        throw new NoArtifactVersionLeftException(model, error.after);
      throw error;
    }
    if (!recorded) {
      // Deleted while the bytes were arriving.
      await this.discard(temporaryKey);
      throw notRegistered(model.modelName, model.modelVersion);
    }
    // After the commit, with no lock held: on S3 a server-side copy, as long as the archive is large.
    await this.promote(
      recorded.artifactId,
      temporaryKey,
      this.store.layout.finalKey({ ...model, artifactVersion: recorded.artifactVersion }),
    );
    this.logger.log(
      `Stored ${received.sizeBytes} bytes as ${model.modelName} ${model.modelVersion} ${recorded.artifactVersion}`,
    );
    return { code: 200, message: UPLOAD_SUCCESS_MESSAGE, modelinfo: toModelResponse(recorded.registration) };
  }

  /**
   * Copies the archive to its final key, points the record there, then drops the temporary object.
   * No lock is held during the copy. If a step fails, the archive stays where its record points and
   * the next start tries again; a download that raced the move looks again.
   */
  private async promote(artifactId: string, temporaryKey: string, finalKey: string): Promise<void> {
    try {
      await this.store.copy(temporaryKey, finalKey);
    } catch (error) {
      this.logger.warn(
        { err: error, temporaryKey, finalKey },
        'Upload kept under its temporary key: copying it to its final key failed',
      );
      return;
    }
    let moved: boolean;
    try {
      moved = await this.artifacts.moveStorageKey(artifactId, temporaryKey, finalKey);
    } catch (error) {
      // Whether the record moved is unknown: keep both objects.
      this.logger.warn(
        { err: error, temporaryKey, finalKey },
        'Upload kept under both keys: its record could not be repointed',
      );
      return;
    }
    if (moved) await this.discard(temporaryKey);
    // Not moved: the registration was deleted meanwhile (the temporary object went with it) or
    // another replica moved the record first; the copy is ours unless a record names that key.
    else await this.discardUnlessRecorded(finalKey);
  }

  private storeFailure(model: ModelRef, cause: unknown): DomainException {
    if (cause instanceof DomainException) return cause;
    if (cause instanceof ArtifactStoreLinkError) {
      this.logger.error(
        `Upload to ${model.modelName} ${model.modelVersion} refused: the artifact store holds a symbolic link at ${cause.at}`,
      );
      return new UploadThroughLinkException(model.modelName, model.modelVersion);
    }
    const full = outOfSpaceReason(cause);
    if (full) {
      // An operational condition, not a bug: one line, no stack trace.
      this.logger.warn(
        `Upload to ${model.modelName} ${model.modelVersion} refused: the artifact store has no space left (${full})`,
      );
      return new ArtifactStoreFullException(full);
    }
    this.logger.error({ err: cause, store: this.store.kind }, 'Artifact store failed to write an upload');
    return new ArtifactStoreUnavailableException(cause);
  }

  private async discard(key: string): Promise<void> {
    try {
      await this.store.delete(key);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'Could not delete the object of a failed upload');
    }
  }

  /**
   * The transaction failed. If the commit went through after all (the connection broke during
   * COMMIT), the record exists and the object must stay.
   */
  private async discardUnlessRecorded(key: string): Promise<void> {
    // When the database cannot say, keep the object: an orphan beats a record without its archive.
    const recorded = await this.artifacts.isRecorded(key).catch((error: unknown) => {
      this.logger.warn(
        { err: error, key },
        'Kept the object of a failed upload: its record could not be checked',
      );
      return true;
    });
    if (!recorded) await this.discard(key);
  }
}
