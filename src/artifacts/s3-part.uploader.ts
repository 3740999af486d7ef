import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  type CompletedPart,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { finished, type Readable } from 'node:stream';

export interface PartUploadTarget {
  Bucket: string;
  Key: string;
  ContentType: string;
}

/**
 * Part buffers kept for the next uploads, two per upload. Allocated anew for each, they outlived
 * enough scavenges to die in the old generation, and every few uploads their 16 MiB cost a full GC.
 */
const idleBuffers: Buffer[] = [];
const IDLE_BUFFERS_KEPT = 4;

/**
 * Streams `body` to one S3 object through two part buffers (from idleBuffers when it has them): one
 * is sent while the next fills, and reading stops while both are busy. A body that fits in one part is a
 * single PutObject; a larger one a multipart upload, aborted on any failure. lib-storage's Upload,
 * used before, allocated and concatenated a new buffer per part: for 256 MiB that is another
 * 256 MiB of short-lived external memory, which V8 answers with full GCs (measured: ~30% of the
 * upload's CPU went to GC, and its first upload grew the process by 109 MiB).
 */
export async function putInParts(
  client: S3Client,
  target: PartUploadTarget,
  body: Readable,
  partSize: number,
): Promise<void> {
  const buffers = [takeBuffer(partSize), takeBuffer(partSize)];
  let current = 0;
  let filled = 0;
  let uploadId: string | undefined;
  const parts: CompletedPart[] = [];
  let sending: Promise<unknown> = Promise.resolve();

  /** Sends the current buffer as the next part, once the previous part is done with the other one. */
  const sendPart = async (length: number): Promise<void> => {
    await sending;
    uploadId ??= (await client.send(new CreateMultipartUploadCommand(target))).UploadId;
    const PartNumber = parts.length + 1;
    const part: CompletedPart = { PartNumber };
    parts.push(part);
    sending = client
      .send(
        new UploadPartCommand({
          Bucket: target.Bucket,
          Key: target.Key,
          UploadId: uploadId,
          PartNumber,
          Body: buffers[current].subarray(0, length),
        }),
      )
      .then((output) => (part.ETag = output.ETag));
    // Awaited by the next part or at the end; a failure meanwhile must not be an unhandled rejection.
    sending.catch(() => undefined);
    current ^= 1;
    filled = 0;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      // 'data' rather than an async iterator: read() would first concatenate what the stream buffers.
      body.on('data', (chunk: Buffer) => {
        let offset = 0;
        const fill = (): void => {
          while (offset < chunk.length) {
            // A full buffer is sent only when more bytes follow, so that one part's worth is one PutObject.
            if (filled === partSize) {
              body.pause();
              sendPart(partSize).then(
                () => {
                  fill();
                  body.resume();
                },
                (error: unknown) => body.destroy(error as Error),
              );
              return;
            }
            const copied = chunk.copy(buffers[current], filled, offset);
            filled += copied;
            offset += copied;
          }
        };
        fill();
      });
      finished(body, (error) => (error ? reject(error) : resolve()));
    });
    if (uploadId === undefined) {
      await client.send(new PutObjectCommand({ ...target, Body: buffers[current].subarray(0, filled) }));
      return;
    }
    await sendPart(filled);
    await sending;
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: target.Bucket,
        Key: target.Key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    body.destroy();
    await sending.catch(() => undefined);
    if (uploadId !== undefined) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: target.Bucket, Key: target.Key, UploadId: uploadId }))
        .catch(() => undefined);
    }
    throw error;
  } finally {
    // Every part has settled by now (awaited above, or after the failure), so no request reads them.
    for (const buffer of buffers) if (idleBuffers.length < IDLE_BUFFERS_KEPT) idleBuffers.push(buffer);
  }
}

function takeBuffer(size: number): Buffer {
  const index = idleBuffers.findIndex((buffer) => buffer.length === size);
  return index >= 0 ? idleBuffers.splice(index, 1)[0] : Buffer.allocUnsafeSlow(size);
}
