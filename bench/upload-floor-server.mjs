#!/usr/bin/env node
// BENCHMARK FLOORS — NOT PRODUCTION CODE.
//
// Two hand-written `node:http` upload handlers that `npm run bench:upload` sends the same request as the
// service, so its figures can be read against them:
//   POST /raw   the body piped to a file, nothing else: what any HTTP upload costs on this machine;
//   POST /work  the service's unavoidable work and nothing more: the multipart body parsed (the same
//               parser), the file part hashed with SHA-256 and written to a file. No framework, no
//               checks, no database, no versioning.
//
//   PORT=8098 DIR=/tmp/floor node bench/upload-floor-server.mjs
import Busboy from '@fastify/busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const DIR = process.env.DIR ?? '.';
const MiB = 1024 * 1024;

createServer(async (request, response) => {
  const path = join(DIR, randomUUID());
  try {
    const result = request.url === '/work' ? await parseHashWrite(request, path) : await pipe(request, path);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    response.writeHead(500).end(String(error));
  } finally {
    // Like the service's round, which deletes the archive once the upload is timed.
    response.once('finish', () => void rm(path, { force: true }));
  }
}).listen(Number(process.env.PORT), '127.0.0.1');

async function pipe(request, path) {
  await pipeline(request, createWriteStream(path, { highWaterMark: MiB }));
  return {};
}

function parseHashWrite(request, path) {
  return new Promise((resolve, reject) => {
    const parser = new Busboy({ headers: request.headers, fileHwm: MiB, highWaterMark: MiB });
    let stored;
    parser.on('file', (_field, file) => {
      const hash = createHash('sha256');
      const hashing = new Transform({
        highWaterMark: MiB,
        transform(chunk, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      stored = pipeline(file, hashing, createWriteStream(path, { highWaterMark: MiB })).then(() => hash.digest('hex'));
      stored.catch(reject);
    });
    parser.on('error', reject);
    parser.on('finish', () => (stored ?? Promise.reject(new Error('no file part'))).then((sha256) => resolve({ sha256 }), reject));
    request.pipe(parser);
  });
}
