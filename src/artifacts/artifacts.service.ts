import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModelsService } from '../models/models.service';
import { ARTIFACT_STORE, ArtifactStore } from './artifact-store';
import type { ArtifactSummaryDto } from './dto/artifact-summary.dto';
import type { ModelArtifact } from './entities/model-artifact.entity';
import { ModelArtifactRepository } from './model-artifact.repository';

/** A registration's archives as a whole: their history, and their removal with the registration. */
@Injectable()
export class ArtifactsService {
  private readonly logger = new Logger(ArtifactsService.name);

  constructor(
    private readonly models: ModelsService,
    private readonly artifacts: ModelArtifactRepository,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  /** Newest first; 404 when there is no such registration. */
  async history(registrationId: string): Promise<ArtifactSummaryDto[]> {
    await this.models.get(registrationId);
    return (await this.artifacts.listForRegistration(registrationId)).map(toArtifactSummary);
  }

  /**
   * Idempotent. The registration and its artifact records go first, in one transaction; then the
   * objects, best effort: a failure is logged and leaves an unreferenced object, never a record
   * pointing at nothing.
   */
  async deleteRegistration(registrationId: string): Promise<void> {
    const keys = await this.artifacts.deleteRegistration(registrationId);
    for (const key of keys) {
      try {
        await this.store.delete(key);
      } catch (error) {
        this.logger.warn(
          { err: error, key, registrationId },
          'Could not delete the archive of a deleted registration',
        );
      }
    }
  }
}

function toArtifactSummary(artifact: ModelArtifact): ArtifactSummaryDto {
  return {
    artifactVersion: artifact.artifactVersion,
    sizeBytes: artifact.sizeBytes,
    sha256: artifact.sha256,
    createdAt: artifact.createdAt.toISOString(),
  };
}
