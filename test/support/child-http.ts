import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';

export interface RawAnswer {
  /** 0 when there was no answer (refused, reset, aborted). */
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly error?: string;
  /** Date.now() when the answer (or the failure) arrived. */
  readonly at: number;
}

/** One request through node:http, whole answer buffered; never rejects. */
export function send(
  base: string,
  method: string,
  path: string,
  options: { body?: Buffer; headers?: Record<string, string>; agent?: Agent | false } = {},
): Promise<RawAnswer> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    const headers = { ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: Date.now(),
          }),
        );
        res.on('error', (error) =>
          resolve({ status: 0, headers: {}, body: '', error: error.message, at: Date.now() }),
        );
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('timed out')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: error.code ?? error.message, at: Date.now() }),
    );
    req.end(options.body);
  });
}

/** Random bytes that start with a local file header signature, as the upload check wants. */
export function zipLike(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write('PK\x03\x04', 0, 'latin1');
  return bytes;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface SlowUpload {
  readonly sha256: string;
  readonly size: number;
  /** Resolves with the answer, or status 0 when the upload was cut or refused. */
  readonly done: Promise<RawAnswer>;
  /** Date.now() when the last body byte was handed to the socket (undefined while streaming). */
  finishedSendingAt?: number;
  /** Destroys the connection mid-body (a client going away). */
  cut(): void;
}

/**
 * A multipart upload (`file` = model.zip) on its own connection, written in `chunkBytes` pieces with
 * `pauseMs` between them, so that it is still streaming when something happens to the server.
 */
export function slowUpload(
  base: string,
  path: string,
  { size, chunkBytes, pauseMs }: { size: number; chunkBytes: number; pauseMs: number },
): SlowUpload {
  const bytes = zipLike(size);
  const boundary = `----shutdown${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\n` +
      'Content-Type: application/zip\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, bytes, tail]);
  const url = new URL(path, base);
  let cutRequested = false;
  let req: ReturnType<typeof request> | undefined;
  const upload: SlowUpload = {
    sha256: sha256(bytes),
    size,
    cut: () => {
      cutRequested = true;
      req?.destroy(new Error('cut by the client'));
    },
    done: undefined as unknown as Promise<RawAnswer>,
  };
  (upload as { done: Promise<RawAnswer> }).done = new Promise<RawAnswer>((resolve) => {
    let settled = false;
    const finish = (answer: RawAnswer) => {
      if (!settled) {
        settled = true;
        resolve(answer);
      }
    };
    req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: url.pathname,
        agent: false,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(body.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            at: Date.now(),
          }),
        );
        res.on('error', (error) =>
          finish({ status: 0, headers: {}, body: '', error: error.message, at: Date.now() }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: 0, headers: {}, body: '', error: error.code ?? error.message, at: Date.now() }),
    );
    req.setTimeout(20_000, () => req!.destroy(new Error('timed out')));
    void (async () => {
      for (let offset = 0; offset < body.length; offset += chunkBytes) {
        if (cutRequested || req.destroyed) return;
        req.write(body.subarray(offset, offset + chunkBytes));
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      if (cutRequested || req.destroyed) return;
      req.end(() => (upload.finishedSendingAt = Date.now()));
    })();
  });
  return upload;
}
