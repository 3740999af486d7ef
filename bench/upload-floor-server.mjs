#!/usr/bin/env node
// BENCHMARK FLOOR — NOT PRODUCTION CODE.
//
// The cheapest upload Node can serve: a bare `node:http` server that pipes the request body to a file.
// No multipart parsing, no SHA-256, no checks, no database. `npm run bench:upload` sends it the same
// request as the service, so "upload / floor" is what the service's own work costs, and "floor / disk
// copy" what any HTTP upload costs on this machine.
//
//   PORT=8098 DIR=/tmp/floor node bench/upload-floor-server.mjs
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const DIR = process.env.DIR ?? '.';

createServer(async (request, response) => {
  const path = join(DIR, randomUUID());
  try {
    await pipeline(request, createWriteStream(path, { highWaterMark: 1024 * 1024 }));
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  } catch (error) {
    response.writeHead(500).end(String(error));
  } finally {
    // Like the service's round, which deletes the archive once the upload is timed.
    response.once('finish', () => void rm(path, { force: true }));
  }
}).listen(Number(process.env.PORT), '127.0.0.1');
