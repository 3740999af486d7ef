import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials. */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

/** What S3 says of a stored object, as a download and the history should report it. */
export interface StoredObjectInfo {
  readonly sizeBytes: number;
  /** S3's ETag, quoted. */
  readonly etag: string;
  readonly lastModified: Date;
}

/**
 * boto3's `upload_file` defaults (TransferConfig): multipart from 8 MiB, in 8 MiB parts, which gives
 * the `"<md5>-<parts>"` ETag.
 */
const BOTO3_MULTIPART_BYTES = 8 * 1024 * 1024;

export interface TestS3Server {
  readonly url: string;
  readonly client: S3Client;
  /** The app's S3_* variables for this server. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Every object key in a bucket, sorted; [] when the bucket does not exist. */
  keys(bucket: string): Promise<string[]>;
  buckets(): Promise<string[]>;
  putObject(bucket: string, key: string, body: Buffer): Promise<void>;
  /**
   * Stores an archive as a training pipeline does with the model-storage SDK's `upload_model`
   * (o-ran-sc/aiml-fw-athp-sdk-model-storage, modelmetricsdk/model_metrics_sdk.py): bucket = the
   * model name as given (created if missing), `<version>/<artifactVersion>/metadata.json`, then
   * `<version>/<artifactVersion>/Model.zip` through boto3's `upload_file`.
   */
  putPipelineArchive(
    modelName: string,
    modelVersion: string,
    artifactVersion: string,
    archive: Buffer,
  ): Promise<StoredObjectInfo>;
  /** Empties a bucket (between tests). */
  empty(bucket: string): Promise<void>;
  close(): Promise<void>;
}

/** A real S3-protocol server (s3rver) on a loopback port, storing under a temporary directory. */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'mms-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const keys = async (bucket: string): Promise<string[]> => {
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchBucket') return [];
      throw error;
    }
  };
  return {
    url,
    client,
    env: (extra = {}) => ({
      S3_URL: url,
      S3_ACCESS_KEY: ACCESS_KEY,
      S3_SECRET_KEY: SECRET_KEY,
      S3_REGION: 'us-east-1',
      ...extra,
    }),
    keys,
    buckets: async () =>
      ((await client.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort(),
    putObject: async (bucket, key, body) => {
      if (!(await bucketExists(client, bucket))) {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      }
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    putPipelineArchive: async (modelName, modelVersion, artifactVersion, archive) => {
      const Bucket = modelName;
      const prefix = `${modelVersion}/${artifactVersion}/`;
      if (!(await bucketExists(client, Bucket))) {
        await client.send(new CreateBucketCommand({ Bucket }));
      }
      // json.dumps({"model_under_version_folder": True})
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: `${prefix}metadata.json`,
          Body: '{"model_under_version_folder": true}',
        }),
      );
      const Key = `${prefix}Model.zip`;
      if (archive.length < BOTO3_MULTIPART_BYTES) {
        await client.send(new PutObjectCommand({ Bucket, Key, Body: archive }));
      } else {
        await new Upload({
          client,
          params: { Bucket, Key, Body: archive },
          partSize: BOTO3_MULTIPART_BYTES,
        }).done();
      }
      const head = await client.send(new HeadObjectCommand({ Bucket, Key }));
      return { sizeBytes: head.ContentLength!, etag: head.ETag!, lastModified: head.LastModified! };
    },
    empty: async (bucket) => {
      const present = await keys(bucket);
      if (present.length > 0) {
        await client.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: present.map((Key) => ({ Key })) } }),
        );
      }
    },
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function bucketExists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch {
    return false;
  }
}
