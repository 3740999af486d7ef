// The local S3 server (bench/upload/s3-server.mjs in a child process) that serves both services'
// archives, and a client to clear what the Go service leaves behind.
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startChild } from '../lib/children.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { ROOT } from '../lib/env.mjs';

/** s3rver's fixed credentials; any region does. */
const KEYS = { S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER', S3_REGION: 'us-east-1' };

export async function startS3(directory) {
  await mkdir(directory, { recursive: true });
  const child = startChild('s3rver', process.execPath, [join(ROOT, 'bench', 'upload', 's3-server.mjs')], {
    env: { ...process.env, DIR: directory },
    stdout: 'pipe',
  });
  const [line] = await Promise.race([
    once(child.stdout.setEncoding('utf8'), 'data'),
    child.exited.then((how) =>
      Promise.reject(new Error(`s3rver exited (${how.code}): ${child.tail.join('')}`)),
    ),
  ]);
  const url = `http://127.0.0.1:${JSON.parse(line).port}`;
  const client = new S3Client({
    endpoint: url,
    region: KEYS.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: KEYS.S3_ACCESS_KEY, secretAccessKey: KEYS.S3_SECRET_KEY },
  });
  onCleanup(() => client.destroy());
  return {
    url,
    pid: child.pid,
    env: { S3_URL: url, ...KEYS },
    /** Deletes every object of a bucket (none when it does not exist). */
    async empty(bucket) {
      let listed;
      try {
        listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      } catch (error) {
        if (error.name === 'NoSuchBucket') return;
        throw error;
      }
      const objects = (listed.Contents ?? []).map((o) => ({ Key: o.Key }));
      if (objects.length)
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
    },
  };
}
