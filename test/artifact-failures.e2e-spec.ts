import request from 'supertest';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { vi } from 'vitest';
import { ARTIFACT_STORE, ArtifactStore } from '../src/artifacts/artifact-store';
import { ModelArtifactRepository } from '../src/artifacts/model-artifact.repository';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';
import {
  abortedUpload,
  eventually,
  filesUnder,
  UPLOAD,
  zipArchive,
  zipLike,
  failingAfter,
} from './support/artifact-fixtures';

const LIMIT = 1024 * 1024;

/** Every rejected or failed upload answers exactly, and leaves no record, no version bump and no file. */
describe('failed uploads leave nothing behind (HTTP, real database, filesystem store)', () => {
  let t: TestApp;
  let store: ArtifactStore;
  let artifactsDir: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { MAX_UPLOAD_BYTES: String(LIMIT) } });
    store = t.app.get<ArtifactStore>(ARTIFACT_STORE);
    artifactsDir = join(t.dataDir, 'artifacts');
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function register(modelName: string): Promise<void> {
    await request(t.http).post(REGISTRATIONS).send(registrationBody({ modelName })).expect(201);
  }

  /** Everything an upload could change. */
  async function snapshot(modelName: string) {
    const [model] = await query<{ artifact_version: string; records: string }>(
      t.database.url,
      `SELECT m.artifact_version, (SELECT count(*) FROM model_artifacts a WHERE a.model_related_information_id = m.id)::text AS records
       FROM model_related_informations m WHERE m.model_name = $1`,
      [modelName],
    );
    return { model, files: await filesUnder(artifactsDir) };
  }

  function problem(status: number, title: string, detail: string, modelName: string) {
    return { type: 'about:blank', title, status, detail, instance: UPLOAD(modelName, '1') };
  }

  async function expectRejected(
    modelName: string,
    send: (test: request.Test) => request.Test,
    status: number,
    title: string,
    detail: string,
  ): Promise<void> {
    const before = await snapshot(modelName);
    const response = await send(request(t.http).post(UPLOAD(modelName, '1'))).expect(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(problem(status, title, detail, modelName));
    await eventually(async () => expect(await snapshot(modelName)).toEqual(before));
    expect(before.model).toEqual(
      modelName === 'nobody' ? undefined : { artifact_version: '0.0.0', records: '0' },
    );
  }

  it('a file name not ending in .zip: 415', async () => {
    await register('rej-extension');
    await expectRejected(
      'rej-extension',
      (test) => test.attach('file', zipArchive('x'), 'model.tar.gz'),
      415,
      'Unsupported Media Type',
      'The file must be a .zip archive (got "model.tar.gz")',
    );
  });

  it('a .zip name on bytes that are not a ZIP: 415', async () => {
    await register('rej-signature');
    await expectRejected(
      'rej-signature',
      (test) => test.attach('file', Buffer.from('%PDF-1.7 not a zip at all'), 'model.zip'),
      415,
      'Unsupported Media Type',
      'The file is not a ZIP archive (it does not start with a ZIP signature)',
    );
    await expectRejected(
      'rej-signature',
      (test) => test.attach('file', Buffer.alloc(0), 'model.zip'),
      415,
      'Unsupported Media Type',
      'The file is not a ZIP archive (it does not start with a ZIP signature)',
    );
  });

  it('no file part: 400; not multipart at all: 415', async () => {
    await register('rej-no-file');
    await expectRejected(
      'rej-no-file',
      (test) => test.field('note', 'hello').attach('archive', zipArchive('y'), 'model.zip'),
      400,
      'Bad Request',
      'No file part named "file" in the multipart body',
    );
    await expectRejected(
      'rej-no-file',
      (test) => test.set('Content-Type', 'application/octet-stream').send(zipArchive('z')),
      415,
      'Unsupported Media Type',
      'Expected a multipart/form-data body with a file part named "file"',
    );
  });

  it('malformed multipart bodies (found by the fuzzer; they crashed the process): 400, still serving', async () => {
    await register('rej-malformed');
    const boundary = '9cc651cd2c8d168349f50fede4c361ac';
    const cases: Array<[body: string, detail: string]> = [
      [
        `--${boundary}\r\nFalse--${boundary}--\r\n`,
        'Malformed multipart body: Unexpected end of multipart data',
      ],
      // A field whose name holds a control character: parsed as a field, so there is no file part.
      [
        `--${boundary}\r\nContent-Disposition: form-data; name="\u001a;"\r\n\r\n1931\r\n--${boundary}--\r\n`,
        'No file part named "file" in the multipart body',
      ],
      [
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.zip"\r\n\r\nPK`,
        'Malformed multipart body: Unexpected end of multipart data',
      ],
    ];
    for (const [body, detail] of cases) {
      await expectRejected(
        'rej-malformed',
        (test) => test.set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body),
        400,
        'Bad Request',
        detail,
      );
    }
    await request(t.http).get('/health/live').expect(200);
  });

  it('an unregistered model: 404', async () => {
    await expectRejected(
      'nobody',
      (test) => test.attach('file', zipArchive('n'), 'model.zip'),
      404,
      'Not Found',
      'No model named nobody with version 1 is registered',
    );
  });

  it('over MAX_UPLOAD_BYTES: 413, and the store never holds more than the limit', async () => {
    await register('rej-too-large');
    const put = vi.spyOn(store, 'put');
    await expectRejected(
      'rej-too-large',
      (test) => test.attach('file', zipLike('big', 3 * LIMIT), 'model.zip'),
      413,
      'Payload Too Large',
      `The file is larger than the upload limit of ${LIMIT} bytes`,
    );
    expect(put).toHaveBeenCalledTimes(1);
    // Exactly the limit is fine.
    const response = await request(t.http)
      .post(UPLOAD('rej-too-large', '1'))
      .attach('file', zipLike('limit', LIMIT), 'm.zip')
      .expect(200);
    expect(response.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
  });

  it('the store failing mid-write: 503, the partial file removed', async () => {
    await register('fault-store-write');
    const realPut = store.put.bind(store);
    vi.spyOn(store, 'put').mockImplementationOnce((key: string, body: Readable) =>
      realPut(key, failingAfter(body, 64 * 1024)),
    );
    await expectRejected(
      'fault-store-write',
      (test) => test.attach('file', zipLike('fault-write', 512 * 1024), 'model.zip'),
      503,
      'Service Unavailable',
      'The artifact store is unavailable; retry later',
    );
  });

  it('the database failing in the transaction: 500, rolled back, the temporary file removed', async () => {
    await register('fault-database');
    const repository = t.app.get(ModelArtifactRepository);
    const realRecord = repository.recordUpload.bind(repository);
    vi.spyOn(repository, 'recordUpload').mockImplementationOnce((model, artifact, chooseVersion) =>
      // A sha256 the table's CHECK constraint refuses: the INSERT fails.
      realRecord(model, { ...artifact, sha256: 'not-a-digest' }, chooseVersion),
    );
    const before = await snapshot('fault-database');
    const response = await request(t.http)
      .post(UPLOAD('fault-database', '1'))
      .attach('file', zipArchive('fault-db'), 'model.zip')
      .expect(500);
    expect(response.body).toEqual({
      ...problem(
        500,
        'Internal Server Error',
        `Internal error; correlation id ${response.body.correlationId}`,
        'fault-database',
      ),
      correlationId: expect.any(String),
    });
    await eventually(async () => expect(await snapshot('fault-database')).toEqual(before));
  });

  it('a client that disconnects mid-upload: no record, no bump, no file', async () => {
    await register('fault-abort');
    const before = await snapshot('fault-abort');
    const put = vi.spyOn(store, 'put');
    await abortedUpload(t.http, UPLOAD('fault-abort', '1'), zipLike('abort', 900 * 1024), 300 * 1024);
    await eventually(async () => expect(put).toHaveBeenCalledTimes(1));
    await eventually(async () => expect(await snapshot('fault-abort')).toEqual(before));
    // The service is unharmed: the next upload works.
    const response = await request(t.http)
      .post(UPLOAD('fault-abort', '1'))
      .attach('file', zipArchive('after'), 'model.zip')
      .expect(200);
    expect(response.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
  });
});
