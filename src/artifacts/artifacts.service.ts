import { Inject, Injectable, Logger } from '@nestjs/common';
import { STRICT_ARTIFACT_VERSION_PATTERN } from '../models/dto/model-path-params.dto';
import { ModelsService } from '../models/models.service';
import { type ModelRef, unrecordedArchiveKey } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore, PipelineArchive } from './artifact-store';
import { ArtifactStoreUnavailableException } from './artifact-store.exception';
import { compareArtifactVersions } from './artifact-version.rule';
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

  /**
   * Newest first: the uploaded archives, and on S3 those the training pipelines stored that
   * downloadModel serves; 404 when there is no such registration.
   */
  async history(registrationId: string): Promise<ArtifactSummaryDto[]> {
    const { modelId } = await this.models.get(registrationId);
    const recorded = await this.artifacts.listForRegistration(registrationId);
    const uploaded = recorded.map(toArtifactSummary);
    const pipelines = await this.servedPipelineArchives(modelId, recorded);
    return pipelines.length === 0 ? uploaded : newestFirst(uploaded, pipelines.map(toPipelineSummary));
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

  /**
   * The pipelines' archives of the model version that a download would serve: with a version the
   * download path accepts, and no record or Go-era object of that version (which it serves instead).
   */
  private async servedPipelineArchives(
    model: ModelRef,
    recorded: readonly ModelArtifact[],
  ): Promise<PipelineArchive[]> {
    const pipelineArchives = this.store.pipelineArchives;
    if (!pipelineArchives) return [];
    const recordedVersions = new Set(recorded.map((artifact) => artifact.artifactVersion));
    const candidates = (await this.storeCall(() => pipelineArchives.list(model))).filter(
      ({ artifactVersion }) =>
        STRICT_ARTIFACT_VERSION_PATTERN.test(artifactVersion) && !recordedVersions.has(artifactVersion),
    );
    const shadowed = await Promise.all(
      candidates.map(async ({ artifactVersion }) => {
        const goKey = unrecordedArchiveKey(this.store.layout, { ...model, artifactVersion });
        return goKey !== null && (await this.storeCall(() => this.store.head(goKey))) !== null;
      }),
    );
    return candidates.filter((_, index) => !shadowed[index]);
  }

  private async storeCall<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logger.error({ err: error, store: this.store.kind }, 'Artifact store failed to list archives');
      throw new ArtifactStoreUnavailableException(error);
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

function toPipelineSummary(archive: PipelineArchive): ArtifactSummaryDto {
  return {
    artifactVersion: archive.artifactVersion,
    sizeBytes: archive.sizeBytes,
    createdAt: archive.lastModified.toISOString(),
    source: 'pipeline',
    ...(archive.etag ? { etag: archive.etag } : {}),
  };
}

/** Newer first, then the higher version (as the records are ordered). */
function compareNewestFirst(a: ArtifactSummaryDto, b: ArtifactSummaryDto): number {
  return (
    Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
    compareArtifactVersions(b.artifactVersion, a.artifactVersion)
  );
}

/** Merges the pipelines' archives into the records, whose order (the database's) is kept as it is. */
function newestFirst(
  uploaded: readonly ArtifactSummaryDto[],
  pipelines: readonly ArtifactSummaryDto[],
): ArtifactSummaryDto[] {
  const others = [...pipelines].sort(compareNewestFirst);
  const merged: ArtifactSummaryDto[] = [];
  let u = 0;
  let p = 0;
  while (u < uploaded.length && p < others.length) {
    merged.push(compareNewestFirst(uploaded[u], others[p]) <= 0 ? uploaded[u++] : others[p++]);
  }
  return [...merged, ...uploaded.slice(u), ...others.slice(p)];
}
