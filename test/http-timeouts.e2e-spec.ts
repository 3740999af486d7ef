import { mkdtemp, rm } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOWNLOAD, UPLOAD } from './support/artifact-fixtures';
import { ChildService, buildIfMissing, startChildService } from './support/child-service';
import { send, slowUpload, zipLike } from './support/child-http';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Low in the child so that seconds prove what production does over minutes. */
const IDLE_MS = 1_000;
const HEADERS_MS = 1_000;

describe('HTTP timeouts: inactivity, not total duration (a real process)', () => {
  let service: ChildService;
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    buildIfMissing();
    dataDir = await mkdtemp(join(tmpdir(), 'mms-timeouts-'));
    database = await createTestDatabase();
    service = await startChildService({
      DATABASE_URL: database.url,
      DB_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
      HTTP_IDLE_TIMEOUT_MS: String(IDLE_MS),
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_MS),
    });
    for (const modelName of ['trickle', 'stall', 'download']) {
      const answer = await send(service.base, 'POST', REGISTRATIONS, {
        body: Buffer.from(JSON.stringify(registrationBody({ modelName, modelVersion: '1' }))),
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, answer.body).toBe(201);
    }
  }, 150_000);
  afterAll(async () => {
    await service?.kill();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a steady upload lasting several idle timeouts completes', async () => {
    const started = Date.now();
    // About 24 pieces 150 ms apart: ~3.6 s in all, never 1 s without a byte.
    const upload = slowUpload(service.base, UPLOAD('trickle', '1'), {
      size: 5_800,
      chunkBytes: 250,
      pauseMs: 150,
    });
    const answer = await upload.done;
    expect(answer.status, answer.body).toBe(200);
    expect(Date.now() - started).toBeGreaterThan(3 * IDLE_MS);
  }, 20_000);

  it('a stalled upload is cut one idle timeout after its last byte', async () => {
    const socket = await open(service.port);
    const boundary = 'stalled';
    socket.write(
      `POST ${UPLOAD('stall', '1')} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        'Content-Length: 100000\r\n\r\n' +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\n` +
        'Content-Type: application/zip\r\n\r\nPK\x03\x04',
    );
    const stalledAt = Date.now();
    const closedAfter = (await closed(socket, 8_000)) - stalledAt;
    expect(closedAfter).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect(closedAfter).toBeLessThan(IDLE_MS + 2_000);
  }, 20_000);

  it('a download whose client stops reading is cut; the registry still answers', async () => {
    const archive = zipLike(48 * 1024 ** 2);
    const boundary = 'download';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.zip"\r\n` +
          'Content-Type: application/zip\r\n\r\n',
      ),
      archive,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await send(service.base, 'POST', UPLOAD('download', '1'), {
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.status, uploaded.body).toBe(200);

    const socket = await open(service.port);
    socket.pause(); // reads nothing: the server's writes back up
    socket.write(`GET ${DOWNLOAD('download', '1', '1.0.0')} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise((r) => setTimeout(r, IDLE_MS + 2_000));
    // Now read what the kernel holds: if the server gave up, the stream ends short of the archive.
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    await closed(socket, 5_000);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(archive.length);
    expect((await send(service.base, 'GET', '/health/live')).status).toBe(200);
  }, 30_000);

  it('headers that never complete are cut (slowloris), however steadily they trickle', async () => {
    const socket = await open(service.port);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const startedAt = Date.now();
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    // A header line every 200 ms: the connection is never idle, the headers never end.
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('X-Trickle: 1\r\n');
    }, 200);
    try {
      const closedAfter = (await closed(socket, 8_000)) - startedAt;
      expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_MS - 100);
      expect(closedAfter).toBeLessThan(HEADERS_MS + 2_000);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
  }, 20_000);
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** When the server closed the connection (Date.now()); rejects if it is still open after `withinMs`. */
function closed(socket: Socket, withinMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${withinMs} ms`));
    }, withinMs);
    const done = () => {
      clearTimeout(timer);
      resolve(Date.now());
    };
    socket.on('error', () => undefined);
    socket.once('close', done);
    socket.once('end', done);
  });
}
