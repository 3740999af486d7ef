import Busboy, { BusboyInstance } from '@fastify/busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import {
  DomainException,
  InvalidRequestException,
  UnsupportedMediaException,
} from '../common/domain.exception';
import { ZipArchiveInspector } from './zip-archive.inspector';

/** The multipart field that carries the archive (as the Go service named it). */
export const ARCHIVE_FIELD = 'file';

const STREAM_CHUNK_BYTES = 1024 * 1024;

export interface ReceivedArchive {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** The client went away before the whole request arrived. */
export class UploadAbortedException extends InvalidRequestException {
  constructor() {
    super('The upload was interrupted before the request body was complete');
  }
}

/** Whatever the store throws while writing; kept apart from the checks' own failures. */
export class ArchiveStoreFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ArchiveStoreFailure';
  }
}

/**
 * Streams the `file` part of a multipart request through the ZIP checks into `store`: only a
 * chunk at a time is in memory, whatever the file's size. Resolves once the request is parsed to
 * its end and `store` has finished. On any failure (bad part, limit, client abort, store error)
 * it stops reading, discards the rest of the body, waits for `store` to settle (so its clean-up is
 * done) and rejects with the first failure.
 */
export async function receiveZipArchive(
  request: IncomingMessage,
  maxBytes: number,
  store: (body: Readable) => Promise<void>,
): Promise<ReceivedArchive> {
  let parser: BusboyInstance;
  try {
    parser = new Busboy({
      // Without a Content-Type the constructor throws, which the catch below answers with 415.
      headers: { 'content-type': '', ...request.headers },
      limits: { fields: 32, fieldSize: 64 * 1024, parts: 64 },
      // Chunks arrive at the socket's size; buffering up to 1 MiB per stage (not 16 KiB) lets the
      // write stream batch them into one writev and keeps a brief disk stall off the socket.
      fileHwm: STREAM_CHUNK_BYTES,
      highWaterMark: STREAM_CHUNK_BYTES,
    });
  } catch {
    discardBody(request);
    throw new UnsupportedMediaException(
      `Expected a multipart/form-data body with a file part named "${ARCHIVE_FIELD}"`,
    );
  }

  let failure: Error | undefined;
  let inspector: ZipArchiveInspector | undefined;
  let rejectParsing: (error: unknown) => void = () => undefined;
  let resolveFilePart: (part: { stream: Readable; fileName: string } | null) => void = () => undefined;

  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = error instanceof Error ? error : new Error(String(error));
    request.unpipe(parser);
    discardBody(request);
    inspector?.destroy(failure);
    rejectParsing(error);
    resolveFilePart(null);
  };

  // A function, not an inline check: `failure` changes in callbacks the compiler cannot follow.
  const throwIfFailed = () => {
    if (failure !== undefined) throw failure;
  };

  const parsed = new Promise<void>((resolve, reject) => {
    rejectParsing = reject;
    parser.once('finish', resolve);
    // `on`, not `once`: busboy can emit again (e.g. "Unexpected end of multipart data" when the
    // request ends after a first error), and an 'error' with no listener would crash the process.
    parser.on('error', (error: Error) => fail(malformed(error)));
  });
  parsed.catch(() => undefined);
  const filePart = new Promise<{ stream: Readable; fileName: string } | null>((resolve) => {
    resolveFilePart = resolve;
    parsed.then(
      () => resolve(null),
      () => resolve(null),
    );
  });

  let received = false;
  parser.on('file', (field, stream, fileName) => {
    // At once, not when the part is handled: busboy fails its file streams too when the body is cut
    // short, and an 'error' with no listener would crash the process.
    stream.on('error', (error: Error) => fail(malformed(error)));
    if (field !== ARCHIVE_FIELD || received || failure !== undefined) {
      stream.resume();
      return;
    }
    received = true;
    resolveFilePart({ stream, fileName: fileName ?? '' });
  });
  const onClose = () => {
    if (!request.complete) fail(new UploadAbortedException());
  };
  request.once('close', onClose);
  request.on('error', () => fail(new UploadAbortedException()));
  request.pipe(parser);

  let storing: Promise<void> | undefined;
  try {
    const part = await filePart;
    throwIfFailed();
    if (!part) throw noFilePart();
    if (!part.fileName.toLowerCase().endsWith('.zip')) {
      part.stream.resume();
      throw new UnsupportedMediaException(
        `The file must be a .zip archive (got ${part.fileName ? JSON.stringify(part.fileName) : 'no file name'})`,
      );
    }
    const checked = new ZipArchiveInspector(maxBytes);
    inspector = checked;
    // pipe() does not forward errors: the inspector's own (limit, signature) decide the answer. Any
    // other error on it is the store's (its write pipeline destroys the inspector, e.g. on ENOSPC),
    // which the store's own rejection below reports.
    checked.on('error', (error) => {
      if (error instanceof DomainException) fail(error);
    });
    part.stream.pipe(checked);
    storing = store(checked).catch((error: unknown) => {
      // The store fails too when the checks stop the stream; their error is the one to report.
      fail(checked.errored instanceof DomainException ? checked.errored : new ArchiveStoreFailure(error));
      throw error;
    });
    await Promise.all([storing, parsed]);
    throwIfFailed();
    return { fileName: part.fileName, ...checked.result };
  } catch (error) {
    fail(error);
    await storing?.catch(() => undefined);
    // fail() has recorded the first failure, which may precede `error`.
    throw failure ?? new Error(String(error));
  } finally {
    request.off('close', onClose);
  }
}

function malformed(error: Error): InvalidRequestException {
  return new InvalidRequestException(`Malformed multipart body: ${error.message}`);
}

/** Reads and drops what is left of the body, so the client can finish sending and read the answer. */
function discardBody(request: IncomingMessage): void {
  if (!request.readableEnded && !request.destroyed) request.resume();
}

export function noFilePart(): InvalidRequestException {
  return new InvalidRequestException(`No file part named "${ARCHIVE_FIELD}" in the multipart body`);
}
