import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ARTIFACT_STORE, ArtifactStore } from '../artifacts/artifact-store';

/** Ready only when archives can be stored: the directory is writable, or the S3 service answers. */
@Injectable()
export class ArtifactStoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  check(key: string, timeoutMs: number): PromiseLike<HealthIndicatorResult> {
    return this.indicators
      .check(key)
      .attempt(({ signal }) => this.store.check(signal))
      .withTimeout(timeoutMs);
  }
}
