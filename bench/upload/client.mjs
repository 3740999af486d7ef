// The upload client, a separate process when it can be: curl (what operators use, and about half the
// CPU of a Node client doing the same on the two shared cores), else a streaming Node client.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';

const MiB = 1024 * 1024;

export const CLIENT = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0 ? 'curl' : 'node';

/**
 * POSTs `path` as the multipart field `file` (model.zip). Resolves to { status, body } — status 0 with
 * `error` when the connection failed or was cut (the Go server cuts requests after 10 s).
 */
export function uploadFile(url, path, size) {
  return CLIENT === 'curl' ? uploadWithCurl(url, path) : uploadWithNode(url, path, size);
}

async function uploadWithCurl(url, path) {
  const output = `${path}.response`;
  const curl = spawn(
    'curl',
    [
      '-sS',
      '-o',
      output,
      '-w',
      '%{http_code}',
      '-F',
      `file=@${path};filename=model.zip;type=application/zip`,
      url,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const [status, stderr, exitCode] = await Promise.all([
    collect(curl.stdout),
    collect(curl.stderr),
    new Promise((resolve) => curl.once('exit', resolve)),
  ]);
  const body = await readFile(output, 'utf8').catch(() => '');
  await rm(output, { force: true });
  if (exitCode !== 0) return { status: 0, body, error: `curl exited with ${exitCode}: ${stderr.trim()}` };
  return { status: Number(status), body };
}

/** A streaming multipart/form-data POST: the file is piped, never held in memory. */
function uploadWithNode(url, path, size) {
  const boundary = `----mms-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\nContent-Type: application/zip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
      },
    });
    const failed = (error) => resolve({ status: 0, body: '', error: error.message });
    req.on('response', (response) =>
      collect(response).then((body) => resolve({ status: response.statusCode, body }), failed),
    );
    req.on('error', failed);
    req.write(head);
    const file = createReadStream(path, { highWaterMark: MiB });
    file.on('error', failed);
    file.pipe(req, { end: false });
    file.on('end', () => req.end(tail));
  });
}

/** GETs `url`; resolves to the SHA-256 of the body. */
export function downloadHash(url) {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`download answered ${response.statusCode}`));
      const hash = createHash('sha256');
      response.on('data', (chunk) => hash.update(chunk));
      response.on('end', () => resolve(hash.digest('hex')));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
