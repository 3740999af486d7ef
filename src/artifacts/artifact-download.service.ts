import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DomainException,
  InvalidRequestException,
  ResourceNotFoundException,
} from '../common/domain.exception';
import type { ArtifactRef } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore } from './artifact-store';
import { ArtifactStoreUnavailableException } from './artifact-store.exception';
import { ByteRange, parseByteRange } from './byte-range.parser';
import { ModelArtifactRepository } from './model-artifact.repository';
import { RangeNotSatisfiableException } from './range-not-satisfiable.exception';

interface DownloadTarget {
  readonly key: string;
  readonly sizeBytes: number;
  readonly etag?: string;
}

/** Downloads: streamed from the store, with ETag, conditional requests, single ranges and HEAD. */
@Injectable()
export class ArtifactDownloadService {
  private readonly logger = new Logger(ArtifactDownloadService.name);

  constructor(
    private readonly artifacts: ModelArtifactRepository,
    @Inject(ARTIFACT_STORE) private readonly store: ArtifactStore,
  ) {}

  async download(artifact: ArtifactRef, request: Request, response: Response): Promise<void> {
    const target = await this.locate(artifact);
    if (target.etag) response.setHeader('ETag', target.etag);
    response.setHeader('Accept-Ranges', 'bytes');
    if (target.etag && matchesAny(request.headers['if-none-match'], target.etag)) {
      response.status(304).end();
      return;
    }
    const ifRange = request.headers['if-range'];
    const honourRange = ifRange === undefined || (target.etag !== undefined && ifRange === target.etag);
    const range = honourRange ? parseByteRange(request.headers.range, target.sizeBytes) : undefined;
    if (range === 'unsatisfiable') {
      response.setHeader('Content-Range', `bytes */${target.sizeBytes}`);
      throw new RangeNotSatisfiableException(target.sizeBytes);
    }
    const body = request.method === 'HEAD' ? undefined : await this.open(artifact, target.key, range);

    response.status(range ? 206 : 200);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${artifact.modelName}_${artifact.modelVersion}_${artifact.artifactVersion}_model.zip"`,
    );
    response.setHeader('Content-Length', String(range ? range.end - range.start + 1 : target.sizeBytes));
    if (range) response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${target.sizeBytes}`);
    if (!body) {
      response.end();
      return;
    }
    try {
      await pipeline(body, response);
    } catch (error) {
      // Headers are gone; all that is left is to cut the connection so the client sees a short body.
      this.logger.warn({ err: error, key: target.key }, 'Download stopped before the end');
      response.destroy();
    }
  }

  /** The recorded archive, else (S3 Go layout) an object the Go service stored before any record existed. */
  private async locate(artifact: ArtifactRef): Promise<DownloadTarget> {
    const record = await this.artifacts.findForDownload(artifact, artifact.artifactVersion);
    if (record) return { key: record.storageKey, sizeBytes: record.sizeBytes, etag: `"${record.sha256}"` };
    // Elsewhere an object without a record is a leftover (an interrupted move), never an archive.
    if (!this.store.layout.holdsUnrecordedArchives) throw notFound(artifact);
    let key: string;
    try {
      key = this.store.layout.finalKey(artifact);
    } catch (error) {
      if (error instanceof InvalidRequestException) throw notFound(artifact);
      throw error;
    }
    const object = await this.storeCall(() => this.store.head(key));
    if (!object) throw notFound(artifact);
    return { key, sizeBytes: object.sizeBytes, etag: object.etag };
  }

  private async open(artifact: ArtifactRef, key: string, range: ByteRange | undefined): Promise<Readable> {
    let body = await this.storeCall(() => this.store.get(key, range));
    if (!body) {
      // The upload may have just moved from its temporary key to its final one: same bytes.
      const moved = await this.artifacts.findForDownload(artifact, artifact.artifactVersion);
      if (moved && moved.storageKey !== key) {
        const movedKey = moved.storageKey;
        body = await this.storeCall(() => this.store.get(movedKey, range));
      }
    }
    if (!body) {
      this.logger.warn({ key }, 'An archive is recorded but missing from the store');
      throw notFound(artifact);
    }
    return body;
  }

  private async storeCall<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof DomainException) throw error;
      this.logger.error({ err: error, store: this.store.kind }, 'Artifact store failed to serve a download');
      throw new ArtifactStoreUnavailableException(error);
    }
  }
}

function notFound({ modelName, modelVersion, artifactVersion }: ArtifactRef): ResourceNotFoundException {
  return new ResourceNotFoundException(
    `No archive with artifact version ${artifactVersion} for model ${modelName} version ${modelVersion}`,
  );
}

/** If-None-Match: `*` or a list of entity tags, compared weakly (RFC 9110 §13.1.2). */
function matchesAny(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
