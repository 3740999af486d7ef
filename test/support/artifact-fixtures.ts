import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';

export const UPLOAD = (modelName: string, modelVersion: string) =>
  `/ai-ml-model-registration/v1/uploadModel/${modelName}/${modelVersion}`;

export const DOWNLOAD = (modelName: string, modelVersion: string, artifactVersion: string) =>
  `/ai-ml-model-registration/v1/downloadModel/${modelName}/${modelVersion}/${artifactVersion}/model.zip`;

export const UPLOAD_MESSAGE = 'Model uploaded successfully..';

/** A real ZIP archive holding one file of `size` pseudo-random bytes derived from `seed`. */
export function zipArchive(seed: string, size = 4096): Buffer {
  const zip = new AdmZip();
  zip.addFile('model/saved_model.pb', pseudoRandomBytes(seed, size));
  zip.addFile('model/README.txt', Buffer.from(`model ${seed}\n`));
  return zip.toBuffer();
}

/** `size` bytes behind a ZIP local-file-header signature: passes the checks, cheap to make large. */
export function zipLike(seed: string, size: number): Buffer {
  const bytes = pseudoRandomBytes(seed, size);
  bytes.write('PK\x03\x04', 0, 'latin1');
  return bytes;
}

export function pseudoRandomBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file (not directory) under `root`, relative and sorted; [] when root does not exist. */
export async function filesUnder(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
}

/** Retries `check` until it passes or `timeoutMs` elapses (clean-up may finish just after the answer). */
export async function eventually(check: () => Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Sends the head of a multipart upload (headers, part header, `sentBytes` of the file, declaring a
 * much longer body) and then destroys the socket: a client that dies mid-upload.
 */
export async function abortedUpload(
  server: Server,
  path: string,
  file: Buffer,
  sentBytes: number,
): Promise<void> {
  const { port } = server.address() as AddressInfo;
  const boundary = '----mms-abort-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\n` +
      'Content-Type: application/zip\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + file.length + tail.length,
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(head);
    req.write(file.subarray(0, sentBytes), () => {
      // Give the server time to start storing, then vanish.
      setTimeout(() => req.destroy(), 200);
    });
  });
}

/** superagent parser (`.buffer(true).parse(binary)`) that keeps the body as a Buffer, whatever its type. */
export function binary(response: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}
