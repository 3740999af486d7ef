import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Readable, Transform } from 'node:stream';
import request from 'supertest';
import { query } from './test-database';

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

/** Passes `limit` bytes through, then fails like a disk or network error in the middle of a write. */
export function failingAfter(body: Readable, limit: number): Readable {
  let seen = 0;
  const failing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new Error('simulated storage failure'));
      else callback(null, chunk);
    },
  });
  body.on('error', (error) => failing.destroy(error));
  // pipe() starts the flow at once, so the failure can come before the store's pipeline listens
  // (it awaits a mkdir first): without a listener that is an uncaught exception. The pipeline
  // still sees the error, from the stream's errored state.
  failing.on('error', () => {});
  return body.pipe(failing);
}

/**
 * Uploads the archives to one model at once and checks what SPEC §5 promises: all succeed, with the
 * versions 1.0.0 … 1.(n-1).0 between them, each downloading as exactly its own bytes.
 */
export async function expectConcurrentUploadsVersioned(
  http: Parameters<typeof request>[0],
  modelName: string,
  archives: Buffer[],
): Promise<void> {
  const responses = await Promise.all(
    archives.map((archive) =>
      request(http).post(UPLOAD(modelName, '1')).attach('file', archive, 'model.zip'),
    ),
  );
  expect(responses.map((response) => response.status)).toEqual(archives.map(() => 200));
  const versions = responses.map((response) => response.body.modelinfo.modelId.artifactVersion as string);
  expect([...versions].sort()).toEqual(archives.map((_, index) => `1.${index}.0`));
  for (const [index, version] of versions.entries()) {
    const download = await request(http)
      .get(DOWNLOAD(modelName, '1', version))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(archives[index]));
  }
}

/** An RFC 9457 body as the service renders it (no correlation id). */
export function problemBody(status: number, title: string, detail: string, instance: string) {
  return { type: 'about:blank', title, status, detail, instance };
}

/**
 * Everything an upload could change: the registration's version, its record count, every file of
 * the filesystem store.
 */
export async function uploadSnapshot(
  databaseUrl: string,
  artifactsDir: string,
  modelName: string,
): Promise<{ model: { artifact_version: string; records: string } | undefined; files: string[] }> {
  const [model] = await query<{ artifact_version: string; records: string }>(
    databaseUrl,
    `SELECT m.artifact_version, (SELECT count(*) FROM model_artifacts a WHERE a.model_related_information_id = m.id)::text AS records
       FROM model_related_informations m WHERE m.model_name = $1`,
    [modelName],
  );
  return { model, files: await filesUnder(artifactsDir) };
}

/** The string arguments of the spied log calls that mention `text`, one line per call. */
export function loggedLines(spy: { mock: { calls: unknown[][] } }, text: string): string[] {
  return spy.mock.calls
    .map((args) => args.filter((arg): arg is string => typeof arg === 'string').join(' '))
    .filter((line) => line.includes(text));
}
