import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainException, ResourceNotFoundException } from '../common/domain.exception';
import { takeOverResponse } from '../common/raw-response';
import { type ArtifactRef, unrecordedArchiveKey } from './artifact-key.layout';
import { ARTIFACT_STORE, ArtifactStore, StoredBody } from './artifact-store';
import {
  ArchiveNotServableException,
  ArtifactStoreLinkError,
  ArtifactStoreUnavailableException,
} from './artifact-store.exception';
import { ByteRange, parseByteRange } from './byte-range.parser';
import { ModelArtifactRepository } from './model-artifact.repository';
import { RangeNotSatisfiableException } from './range-not-satisfiable.exception';

interface DownloadTarget {
  /** Where the bytes are: a record's archive, a Go-era object, or a pipeline's archive. */
  readonly source: 'registry' | 'goService' | 'pipeline';
  /** The store key (for `pipeline`, `<bucket>/<key>`, for logs). */
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

  async download(artifact: ArtifactRef, request: IncomingMessage, reply: FastifyReply): Promise<void> {
    const target = await this.locate(artifact);
    if (target.etag) reply.header('ETag', target.etag);
    reply.header('Accept-Ranges', 'bytes');
    if (target.etag && matchesAny(request.headers['if-none-match'], target.etag)) {
      await reply.code(304).send();
      return;
    }
    const ifRange = request.headers['if-range'];
    const honourRange = ifRange === undefined || (target.etag !== undefined && ifRange === target.etag);
    const range = honourRange ? parseByteRange(request.headers.range, target.sizeBytes) : undefined;
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${target.sizeBytes}`);
      throw new RangeNotSatisfiableException(target.sizeBytes);
    }
    const body = await this.open(artifact, target, range, request.method === 'HEAD');

    // Written on the Node response itself: pipeline() gives the backpressure and the clean-up on abort.
    const response = takeOverResponse(reply);
    response.statusCode = range ? 206 : 200;
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

  /**
   * The recorded archive; else, on S3, an object the Go service stored before any record existed
   * (its layout only), else one a training pipeline stored with the model-storage SDK. Unrecorded
   * objects carry S3's ETag (an MD5, or `<md5>-<parts>` after a multipart upload).
   */
  private async locate(artifact: ArtifactRef): Promise<DownloadTarget> {
    const record = await this.artifacts.findForDownload(artifact, artifact.artifactVersion);
    if (record) {
      return {
        source: 'registry',
        key: record.storageKey,
        sizeBytes: record.sizeBytes,
        etag: `"${record.sha256}"`,
      };
    }
    // In the filesystem and single-bucket layouts an object without a record is a leftover (an
    // interrupted move), never an archive.
    const goKey = unrecordedArchiveKey(this.store.layout, artifact);
    if (goKey) {
      const object = await this.storeCall(artifact, goKey, () => this.store.head(goKey));
      if (object) return { source: 'goService', key: goKey, sizeBytes: object.sizeBytes, etag: object.etag };
    }
    const pipelineArchives = this.store.pipelineArchives;
    if (pipelineArchives) {
      const key = pipelineArchives.locationOf(artifact);
      const object = await this.storeCall(artifact, key, () => pipelineArchives.head(artifact));
      if (object) return { source: 'pipeline', key, sizeBytes: object.sizeBytes, etag: object.etag };
    }
    throw archiveNotFound(artifact);
  }

  /**
   * Opens the archive (for HEAD, only looks at it) and checks that the store holds as many bytes as
   * recorded, before any header is sent: a truncated or grown file is a 500 at once, never a short
   * body the client waits on. Size only, not the hash: hashing before the first byte would read a
   * GiB archive twice per download (the ETag is the SHA-256, for clients that check).
   */
  private async open(
    artifact: ArtifactRef,
    target: DownloadTarget,
    range: ByteRange | undefined,
    headOnly: boolean,
  ): Promise<Readable | undefined> {
    const pipelineArchives = target.source === 'pipeline' ? this.store.pipelineArchives : undefined;
    const read = (key: string): Promise<StoredBody | { body?: undefined; totalBytes: number } | null> =>
      this.storeCall(artifact, key, async () => {
        if (!headOnly) {
          return pipelineArchives ? pipelineArchives.get(artifact, range) : this.store.get(key, range);
        }
        const object = await (pipelineArchives ? pipelineArchives.head(artifact) : this.store.head(key));
        return object && { totalBytes: object.sizeBytes };
      });
    let key = target.key;
    let stored = await read(key);
    if (!stored && target.source === 'registry') {
      // The upload may have just moved from its temporary key to its final one: same bytes.
      const moved = await this.artifacts.findForDownload(artifact, artifact.artifactVersion);
      if (moved && moved.storageKey !== key) {
        key = moved.storageKey;
        stored = await read(key);
      }
    }
    if (!stored) {
      this.logger.warn(
        { key },
        target.source === 'registry'
          ? 'An archive is recorded but missing from the store'
          : 'An archive was deleted from the store while it was opened',
      );
      throw archiveNotFound(artifact);
    }
    if (stored.totalBytes !== target.sizeBytes) {
      stored.body?.destroy();
      this.logger.error(
        `Archive ${describe(artifact)} (${key}) holds ${stored.totalBytes} bytes, ${target.sizeBytes} recorded: not served`,
      );
      throw new ArchiveNotServableException(
        `The archive of ${describeInDetail(artifact)} is damaged in the store ` +
          `(${target.sizeBytes} bytes recorded, ${stored.totalBytes} stored); it cannot be served`,
      );
    }
    return stored.body;
  }

  private async storeCall<T>(artifact: ArtifactRef, key: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof DomainException) throw error;
      if (error instanceof ArtifactStoreLinkError) {
        this.logger.error(
          `Archive ${describe(artifact)} (${key}) is behind a symbolic link in the store: not served`,
        );
        throw new ArchiveNotServableException(
          `The archive of ${describeInDetail(artifact)} is not a regular file in the store ` +
            '(a symbolic link); it cannot be served',
        );
      }
      this.logger.error({ err: error, store: this.store.kind }, 'Artifact store failed to serve a download');
      throw new ArtifactStoreUnavailableException(error);
    }
  }
}

function describe({ modelName, modelVersion, artifactVersion }: ArtifactRef): string {
  return `${modelName} ${modelVersion} ${artifactVersion}`;
}

function describeInDetail({ modelName, modelVersion, artifactVersion }: ArtifactRef): string {
  return `model ${modelName} version ${modelVersion} artifact version ${artifactVersion}`;
}

export function archiveNotFound({
  modelName,
  modelVersion,
  artifactVersion,
}: ArtifactRef): ResourceNotFoundException {
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
