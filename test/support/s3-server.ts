import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials. */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

export interface TestS3Server {
  readonly url: string;
  readonly client: S3Client;
  /** The app's S3_* variables for this server. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Every object key in a bucket, sorted; [] when the bucket does not exist. */
  keys(bucket: string): Promise<string[]>;
  buckets(): Promise<string[]>;
  putObject(bucket: string, key: string, body: Buffer): Promise<void>;
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
