import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DomainException } from '../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { toModelResponse } from '../models/model.mapper';
import { ModelsService, notRegistered } from '../models/models.service';
import type { ModelRef } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore } from './artifact-store';
import { ArtifactStoreUnavailableException } from './artifact-store.exception';
import { nextArtifactVersion } from './artifact-version.rule';
import type { ModelUploadedResponseDto } from './dto/model-uploaded-response.dto';
import { ModelArtifactRepository } from './model-artifact.repository';
import { ArchiveStoreFailure, receiveZipArchive } from './multipart-archive.reader';

export const UPLOAD_SUCCESS_MESSAGE = 'Model uploaded successfully..';

/**
 * Uploads: stream to a temporary key, then, under the registration's row lock, pick the next
 * version, move the object to its final key, record it and bump the registration. Whatever fails,
 * nothing is left: no record, no bump, no object.
 */
@Injectable()
export class ArtifactUploadService {
  private readonly logger = new Logger(ArtifactUploadService.name);

  constructor(
    private readonly models: ModelsService,
    private readonly artifacts: ModelArtifactRepository,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(model: ModelRef, request: IncomingMessage): Promise<ModelUploadedResponseDto> {
    if (!(await this.models.findByNameAndVersion(model.modelName, model.modelVersion))) {
      throw notRegistered(model.modelName, model.modelVersion);
    }
    const temporaryKey = this.store.layout.temporaryKey(model, randomUUID());

    let received: Awaited<ReturnType<typeof receiveZipArchive>>;
    try {
      received = await receiveZipArchive(request, this.config.artifacts.maxUploadBytes, (body) =>
        this.store.put(temporaryKey, body),
      );
    } catch (error) {
      await this.discard(temporaryKey);
      if (error instanceof ArchiveStoreFailure) throw this.storeFailure('write', error.cause);
      throw error;
    }

    let placedKey: string | undefined;
    try {
      const updated = await this.artifacts.recordUpload(model, async (locked) => {
        const artifactVersion = nextArtifactVersion(locked.currentVersion, locked.latestRecordedVersion);
        const storageKey = this.store.layout.finalKey({ ...model, artifactVersion });
        // Before the move: a move that fails half-way (an S3 copy done, its delete not) may leave it.
        placedKey = storageKey;
        try {
          await this.store.move(temporaryKey, storageKey);
        } catch (error) {
          throw this.storeFailure('move', error);
        }
        return { artifactVersion, storageKey, sizeBytes: received.sizeBytes, sha256: received.sha256 };
      });
      // Deleted while the bytes were arriving.
      if (!updated) throw notRegistered(model.modelName, model.modelVersion);
      this.logger.log(
        `Stored ${received.sizeBytes} bytes as ${model.modelName} ${model.modelVersion} ${updated.modelId.artifactVersion}`,
      );
      return { code: 200, message: UPLOAD_SUCCESS_MESSAGE, modelinfo: toModelResponse(updated) };
    } catch (error) {
      await this.discard(temporaryKey);
      if (placedKey) await this.discardUnlessRecorded(placedKey);
      throw error;
    }
  }

  private storeFailure(operation: string, cause: unknown): DomainException {
    if (cause instanceof DomainException) return cause;
    this.logger.error(
      { err: cause, store: this.store.kind },
      `Artifact store failed to ${operation} an upload`,
    );
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
   * The transaction failed after the object reached its final key. If the commit went through
   * after all (the connection broke during COMMIT), the record exists and the object must stay.
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
