import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { putInParts } from './s3-part.uploader';

const target = { Bucket: 'b', Key: 'k', ContentType: 'application/zip' };

/** Records each command and its body as the request finishes; `failPart` rejects that part. */
function fakeClient(failPart?: number) {
  const sent: Array<{ command: string; body?: string; partNumber?: number }> = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const { input } = command;
      const entry: (typeof sent)[number] = {
        command: command.constructor.name,
        partNumber: input.PartNumber as number,
      };
      sent.push(entry);
      // Read once the request is under way, as a real one is: a buffer reused too early would show here.
      await new Promise((resolve) => setImmediate(resolve));
      if (input.Body) entry.body = Buffer.from(input.Body as Buffer).toString();
      if (command.constructor.name === 'CreateMultipartUploadCommand') return { UploadId: 'u' };
      if (failPart !== undefined && input.PartNumber === failPart) throw new Error('store down');
      if (command.constructor.name === 'UploadPartCommand') return { ETag: `"e${String(input.PartNumber)}"` };
      return {};
    },
  };
  return { client: client as unknown as S3Client, sent };
}

const body = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

describe('putInParts', () => {
  it('sends a body of one part or less as one PutObject', async () => {
    const { client, sent } = fakeClient();
    await putInParts(client, target, body('ab', 'cd'), 4);
    expect(sent).toEqual([{ command: 'PutObjectCommand', body: 'abcd', partNumber: undefined }]);
  });

  it('sends a larger body as parts of the part size, in order, through two reused buffers', async () => {
    const { client, sent } = fakeClient();
    await putInParts(client, target, body('abc', 'defgh', 'ij', 'klmn', 'o'), 4);
    expect(sent.map(({ command, body, partNumber }) => [command, body ?? '', partNumber ?? 0])).toEqual([
      ['CreateMultipartUploadCommand', '', 0],
      ['UploadPartCommand', 'abcd', 1],
      ['UploadPartCommand', 'efgh', 2],
      ['UploadPartCommand', 'ijkl', 3],
      ['UploadPartCommand', 'mno', 4],
      ['CompleteMultipartUploadCommand', '', 0],
    ]);
  });

  it('aborts the multipart upload and stops reading when a part fails', async () => {
    const { client, sent } = fakeClient(2);
    const source = body('abcd', 'efgh', 'ijkl', 'mnop', 'qrst');
    await expect(putInParts(client, target, source, 4)).rejects.toThrow('store down');
    expect(sent.map(({ command }) => command).at(-1)).toBe('AbortMultipartUploadCommand');
    expect(sent.some(({ command }) => command === 'CompleteMultipartUploadCommand')).toBe(false);
    expect(source.destroyed).toBe(true);
  });
});
