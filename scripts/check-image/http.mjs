// Small HTTP client helpers for the running container (host network: 127.0.0.1:PORT).
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';

export async function waitFor(url, { within = 60_000, exited = () => false } = {}) {
  const deadline = Date.now() + within;
  let last = '';
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the container exited before ${url} answered 200`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) return Date.now();
      last = `status ${r.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${within / 1000} s (${last})`);
}

/** A zip-looking body of `size` bytes, sent as multipart field "file" in pieces with pauses. */
export function slowUpload(url, { size, chunkBytes, pauseMs }) {
  const bytes = randomBytes(size);
  bytes.write('PK\x03\x04', 0, 'latin1');
  const boundary = `----image${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\n` +
      'Content-Type: application/zip\r\n\r\n',
  );
  const body = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const u = new URL(url);
  let started;
  const firstByte = new Promise((resolve) => (started = resolve));
  const done = new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', reject);
    (async () => {
      for (let at = 0; at < body.length; at += chunkBytes) {
        req.write(body.subarray(at, at + chunkBytes));
        if (at === 0) started();
        await new Promise((r) => setTimeout(r, pauseMs));
      }
      req.end();
    })();
  });
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size, firstByte, done };
}

export async function sha256Of(url) {
  const r = await fetch(url);
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}
