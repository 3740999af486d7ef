import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectCommandOutput,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { OnApplicationShutdown } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { S3Config } from '../config/app-config';
import type { ArtifactKeyLayout } from './artifact-key.layout';
import type { ArtifactStore, StoredBody, StoredObject } from './artifact-store';
import type { ByteRange } from './byte-range.parser';

/** Multipart part size: memory per upload is about partSize × queueSize, whatever the file's size. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

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
  private readonly client: S3Client;
  private readonly knownBuckets = new Set<string>();

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
    const upload = new Upload({
      client: this.client,
      params: { ...address, Body: body, ContentType: 'application/zip' },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      // A single-part upload may have completed just before the failure was noticed.
      await this.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredBody | null> {
    let output: GetObjectCommandOutput;
    try {
      output = await this.client.send(
        new GetObjectCommand({
          ...this.address(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return null;
      // A range within the recorded size but past the object's end: the object is shorter than its
      // record, which the caller finds out from the size.
      if (range && isRangeNotSatisfiable(error)) {
        const object = await this.head(key);
        return object && { body: Readable.from([]), totalBytes: object.sizeBytes };
      }
      throw error;
    }
    const body = output.Body as Readable;
    // The whole object's size: after the slash of `Content-Range: bytes a-b/total` for a range.
    const total = /\/(\d+)$/.exec(output.ContentRange ?? '')?.[1];
    return { body, totalBytes: total ? Number(total) : (output.ContentLength ?? 0) };
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const output = await this.client.send(new HeadObjectCommand(this.address(key)));
      return { sizeBytes: output.ContentLength ?? 0, etag: output.ETag };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
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
