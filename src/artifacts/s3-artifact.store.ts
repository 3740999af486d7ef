import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { S3Config } from '../config/app-config';
import {
  type ArtifactKeyLayout,
  type BucketAddress,
  type ModelRef,
  pipelineArchiveLayout,
} from './artifact-key.layout';
import type {
  ArtifactStore,
  PipelineArchive,
  PipelineArchives,
  StoredBody,
  StoredObject,
} from './artifact-store';
import type { ByteRange } from './byte-range.parser';
import { putInParts } from './s3-part.uploader';

/** Multipart part size: an upload holds two of them, whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024;

interface ObjectAddress {
  Bucket: string;
  Key: string;
}

/**
 * Archives in an S3-compatible service (LeoFS, MinIO, AWS), path-style. With a configured bucket
 * every key lives in it; without one a key is `<bucket>/<object key>` (the Go service's
 * bucket-per-model layout) and buckets are created on demand.
 */
export class S3ArtifactStore implements ArtifactStore, OnApplicationShutdown {
  readonly kind = 's3';
  private readonly logger = new Logger('ArtifactStore');
  private readonly client: S3Client;
  private readonly knownBuckets = new Set<string>();

  /** Whatever the layout: the pipelines write to the model's own bucket, with or without S3_BUCKET. */
  readonly pipelineArchives: PipelineArchives = {
    locationOf: (artifact) => {
      const { bucket, key } = pipelineArchiveLayout.address(artifact);
      return `${bucket}/${key}`;
    },
    head: (artifact) => {
      const address = s3Address(pipelineArchiveLayout.address(artifact));
      return this.unlessUnreadable(address.Bucket, null, () => this.headObject(address));
    },
    get: (artifact, range) => {
      const address = s3Address(pipelineArchiveLayout.address(artifact));
      return this.unlessUnreadable(address.Bucket, null, () => this.getObject(address, range));
    },
    list: (model) =>
      this.unlessUnreadable(pipelineArchiveLayout.versionPrefix(model).bucket, [], () =>
        this.listPipelineArchives(model),
      ),
  };

  constructor(
    private readonly config: S3Config,
    readonly layout: ArtifactKeyLayout,
  ) {
    this.client = new S3Client({
      endpoint: config.url,
      region: config.region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKey, secretAccessKey: config.secretKey },
      // LeoFS, older MinIO and s3rver reject the SDK's default flexible checksums (aws-chunked trailers).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable): Promise<void> {
    const address = this.address(key);
    await this.ensureBucket(address.Bucket);
    try {
      await putInParts(this.client, { ...address, ContentType: 'application/zip' }, body, PART_SIZE);
    } catch (error) {
      // A single-part upload may have completed just before the failure was noticed.
      await this.delete(key).catch(() => undefined);
      throw error;
    }
  }

  get(key: string, range?: ByteRange): Promise<StoredBody | null> {
    return this.getObject(this.address(key), range);
  }

  head(key: string): Promise<StoredObject | null> {
    return this.headObject(this.address(key));
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand(this.address(key)));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Server-side: the bytes do not pass through the service. CopyObject handles objects up to 5 GiB. */
  async copy(from: string, to: string): Promise<void> {
    const source = this.address(from);
    const target = this.address(to);
    await this.ensureBucket(target.Bucket);
    await this.client.send(
      new CopyObjectCommand({ ...target, CopySource: `${source.Bucket}/${encodeURI(source.Key)}` }),
    );
  }

  async check(signal?: AbortSignal): Promise<void> {
    if (!this.config.bucket) {
      await this.client.send(new ListBucketsCommand({}), { abortSignal: signal });
      return;
    }
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }), { abortSignal: signal });
    } catch (error) {
      // Reachable, and the bucket will be created by the first upload.
      if (!isNotFound(error)) throw error;
    }
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private async getObject(address: ObjectAddress, range?: ByteRange): Promise<StoredBody | null> {
    let output: GetObjectCommandOutput;
    try {
      output = await this.client.send(
        new GetObjectCommand({
          ...address,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return null;
      // A range within the expected size but past the object's end: the object is shorter than its
      // record (or than it was a moment ago), which the caller finds out from the size.
      if (range && isRangeNotSatisfiable(error)) {
        const object = await this.headObject(address);
        return object && { body: Readable.from([]), totalBytes: object.sizeBytes };
      }
      throw error;
    }
    const body = output.Body as Readable;
    // The whole object's size: after the slash of `Content-Range: bytes a-b/total` for a range.
    const total = /\/(\d+)$/.exec(output.ContentRange ?? '')?.[1];
    return { body, totalBytes: total ? Number(total) : (output.ContentLength ?? 0) };
  }

  private async headObject(address: ObjectAddress): Promise<StoredObject | null> {
    try {
      const output = await this.client.send(new HeadObjectCommand(address));
      return { sizeBytes: output.ContentLength ?? 0, etag: output.ETag };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * ListObjects (version 1), as the SDK itself lists (`check_object`): LeoFS answers it. Without a
   * delimiter V1 sends no NextMarker, so the next page starts after the last key.
   */
  private async listPipelineArchives(model: ModelRef): Promise<PipelineArchive[]> {
    const { Bucket, Key: Prefix } = s3Address(pipelineArchiveLayout.versionPrefix(model));
    const archives: PipelineArchive[] = [];
    let marker: string | undefined;
    for (;;) {
      const page: ListObjectsCommandOutput = await this.client.send(
        new ListObjectsCommand({ Bucket, Prefix, Marker: marker }),
      );
      for (const object of page.Contents ?? []) {
        const artifactVersion = object.Key && pipelineArchiveLayout.artifactVersionOf(model, object.Key);
        if (!artifactVersion) continue;
        archives.push({
          artifactVersion,
          sizeBytes: object.Size ?? 0,
          etag: object.ETag,
          lastModified: object.LastModified ?? new Date(0),
        });
      }
      const last = page.Contents?.at(-1)?.Key;
      if (!page.IsTruncated || !last) return archives;
      marker = page.NextMarker ?? last;
    }
  }

  /**
   * A pipeline read in `bucket`, a model name as given: a bucket that does not exist, that
   * S3 refuses as a name (400) or that these credentials may not read (403) holds no pipeline archive.
   */
  private async unlessUnreadable<T>(bucket: string, none: T, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (isNotFound(error)) return none;
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 403) {
        this.logger.warn(
          `Access to bucket ${bucket} denied (403): archives the pipelines stored there are not served`,
        );
        return none;
      }
      if (status === 400) return none;
      throw error;
    }
  }

  private address(key: string): ObjectAddress {
    if (this.config.bucket) return { Bucket: this.config.bucket, Key: key };
    const slash = key.indexOf('/');
    return { Bucket: key.slice(0, slash), Key: key.slice(slash + 1) };
  }

  private async ensureBucket(bucket: string): Promise<void> {
    if (this.knownBuckets.has(bucket)) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (createError) {
        // Another replica or upload created it meanwhile.
        const name = (createError as { name?: string }).name;
        if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw createError;
      }
    }
    this.knownBuckets.add(bucket);
  }
}

function s3Address({ bucket, key }: BucketAddress): ObjectAddress {
  return { Bucket: bucket, Key: key };
}

function isRangeNotSatisfiable(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return candidate?.name === 'InvalidRange' || candidate?.$metadata?.httpStatusCode === 416;
}

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    candidate?.name === 'NoSuchKey' ||
    candidate?.name === 'NotFound' ||
    candidate?.name === 'NoSuchBucket' ||
    candidate?.$metadata?.httpStatusCode === 404
  );
}
