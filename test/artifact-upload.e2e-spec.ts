import request from 'supertest';
import { join } from 'node:path';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, expectedModel, registerModel } from './support/model-fixtures';
import {
  DOWNLOAD,
  filesUnder,
  sha256,
  UPLOAD,
  UPLOAD_MESSAGE,
  zipArchive,
  zipLike,
  binary,
  expectConcurrentUploadsVersioned,
} from './support/artifact-fixtures';

/** Upload → download on the filesystem store (the default), versions, history, delete, deprecated endpoints. */
describe('model archives on the filesystem store (HTTP, real database)', () => {
  let t: TestApp;
  let artifactsDir: string;

  beforeAll(async () => {
    t = await createTestApp();
    artifactsDir = join(t.dataDir, 'artifacts');
  });
  afterAll(async () => {
    await t.close();
  });

  const register = (modelName: string, modelVersion = '1') => registerModel(t.http, modelName, modelVersion);

  function upload(modelName: string, bytes: Buffer, fileName = 'model.zip', modelVersion = '1') {
    return request(t.http).post(UPLOAD(modelName, modelVersion)).attach('file', bytes, fileName);
  }

  it('uploads a ZIP: 200 with the Go envelope and the bumped registration; downloads it byte for byte', async () => {
    const id = await register('fs-roundtrip');
    const archive = zipArchive('fs-roundtrip', 200_000);
    const response = await upload('fs-roundtrip', archive).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      code: 200,
      message: UPLOAD_MESSAGE,
      modelinfo: expectedModel({ id, modelName: 'fs-roundtrip', artifactVersion: '1.0.0' }),
    });
    const stored = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    expect(stored.body.modelId.artifactVersion).toBe('1.0.0');

    const download = await request(t.http)
      .get(DOWNLOAD('fs-roundtrip', '1', '1.0.0'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-length']).toBe(String(archive.length));
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="fs-roundtrip_1_1.0.0_model.zip"',
    );
    expect(download.headers.etag).toBe(`"${sha256(archive)}"`);
    expect(download.headers['accept-ranges']).toBe('bytes');

    expect(await filesUnder(artifactsDir)).toContain(join('fs-roundtrip', '1', '1.0.0', 'model.zip'));
    const rows = await query(
      t.database.url,
      'SELECT artifact_version, storage_key, size_bytes::text AS size_bytes, sha256 FROM model_artifacts WHERE model_related_information_id = $1',
      [id],
    );
    expect(rows).toEqual([
      {
        artifact_version: '1.0.0',
        storage_key: 'fs-roundtrip/1/1.0.0/model.zip',
        size_bytes: String(archive.length),
        sha256: sha256(archive),
      },
    ]);
  });

  it('numbers uploads 1.0.0, 1.1.0, 1.2.0 and lists them newest first', async () => {
    const id = await register('fs-sequence');
    const archives = ['a', 'b', 'c'].map((seed) => zipArchive(`fs-sequence-${seed}`));
    const versions: string[] = [];
    for (const archive of archives) {
      versions.push(
        (await upload('fs-sequence', archive).expect(200)).body.modelinfo.modelId.artifactVersion,
      );
    }
    expect(versions).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    for (const [index, version] of versions.entries()) {
      const download = await request(t.http)
        .get(DOWNLOAD('fs-sequence', '1', version))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, archives[index])).toBe(0);
    }

    const history = await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200);
    expect(history.body).toEqual(
      [2, 1, 0].map((index) => ({
        artifactVersion: versions[index],
        sizeBytes: archives[index].length,
        sha256: sha256(archives[index]),
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      })),
    );
    const times = (history.body as Array<{ createdAt: string }>).map((entry) => Date.parse(entry.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives five concurrent uploads to one model the versions 1.0.0 … 1.4.0, each with its own bytes', async () => {
    const id = await register('fs-concurrent');
    const archives = [0, 1, 2, 3, 4].map((index) => zipLike(`fs-concurrent-${index}`, 300_000 + index));
    await expectConcurrentUploadsVersioned(t.http, 'fs-concurrent', archives);
    const stored = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    expect(stored.body.modelId.artifactVersion).toBe('1.4.0');
    expect(await filesUnder(join(artifactsDir, 'fs-concurrent'))).toEqual(
      ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0'].map((version) => join('1', version, 'model.zip')),
    );
    expect(await filesUnder(join(artifactsDir, '.incoming'))).toEqual([]);
  });

  it('accepts an empty ZIP archive (end-of-central-directory signature only)', async () => {
    await register('fs-empty-zip');
    const empty = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    const response = await upload('fs-empty-zip', empty, 'EMPTY.ZIP').expect(200);
    expect(response.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
  });

  describe('download', () => {
    const archive = zipLike('fs-download', 10_000);
    const path = DOWNLOAD('fs-download', '1', '1.0.0');
    const etag = `"${sha256(archive)}"`;

    beforeAll(async () => {
      await register('fs-download');
      await upload('fs-download', archive).expect(200);
    });

    it('answers a range with 206 and exactly those bytes', async () => {
      const response = await request(t.http)
        .get(path)
        .set('Range', 'bytes=100-199')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(response.body as Buffer, archive.subarray(100, 200))).toBe(0);
      expect(response.headers['content-range']).toBe('bytes 100-199/10000');
      expect(response.headers['content-length']).toBe('100');
      expect(response.headers.etag).toBe(etag);
    });

    it('answers a suffix range and an open range', async () => {
      const suffix = await request(t.http)
        .get(path)
        .set('Range', 'bytes=-10')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(suffix.body as Buffer, archive.subarray(9_990))).toBe(0);
      expect(suffix.headers['content-range']).toBe('bytes 9990-9999/10000');
      const open = await request(t.http)
        .get(path)
        .set('Range', 'bytes=9000-')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(open.body as Buffer, archive.subarray(9_000))).toBe(0);
    });

    it('answers an unsatisfiable range with 416 problem details and Content-Range: bytes */size', async () => {
      const response = await request(t.http).get(path).set('Range', 'bytes=10000-').expect(416);
      expect(response.headers['content-range']).toBe('bytes */10000');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Range Not Satisfiable',
        status: 416,
        detail: "The requested range lies outside the archive's 10000 bytes",
        instance: path,
      });
    });

    it('sends the whole archive when If-Range does not match', async () => {
      const response = await request(t.http)
        .get(path)
        .set('Range', 'bytes=0-9')
        .set('If-Range', '"stale"')
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect((response.body as Buffer).length).toBe(10_000);
    });

    it('answers HEAD with the headers and no body', async () => {
      const response = await request(t.http).head(path).expect(200);
      expect(response.headers['content-length']).toBe('10000');
      expect(response.headers['content-type']).toBe('application/zip');
      expect(response.headers.etag).toBe(etag);
      expect(response.body).toEqual({});
    });

    it('answers If-None-Match with the ETag by 304', async () => {
      const response = await request(t.http).get(path).set('If-None-Match', `"other", ${etag}`).expect(304);
      expect(response.headers.etag).toBe(etag);
      await request(t.http).get(path).set('If-None-Match', '"other"').expect(200);
    });

    it('answers 404 problem details for an unknown artifact version or model', async () => {
      for (const unknown of [DOWNLOAD('fs-download', '1', '9.9.9'), DOWNLOAD('nobody', '1', '1.0.0')]) {
        const response = await request(t.http).get(unknown).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.status).toBe(404);
        expect(response.body.instance).toBe(unknown);
      }
      const response = await request(t.http)
        .get(DOWNLOAD('fs-download', '1', '9.9.9'))
        .expect(404);
      expect(response.body.detail).toBe(
        'No archive with artifact version 9.9.9 for model fs-download version 1',
      );
    });
  });

  it('history: 404 problem details for an unknown registration, [] before any upload', async () => {
    const response = await request(t.http).get(`${REGISTRATIONS}/no-such-id/artifacts`).expect(404);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No model registration with id no-such-id',
      instance: `${REGISTRATIONS}/no-such-id/artifacts`,
    });
    const id = await register('fs-no-history');
    await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200, []);
  });

  it('deleting a registration removes its records and then its files; deleting again is 204', async () => {
    const id = await register('fs-delete');
    const other = await register('fs-delete', '2');
    await upload('fs-delete', zipLike('fs-delete-1', 1000)).expect(200);
    await upload('fs-delete', zipLike('fs-delete-2', 1000)).expect(200);
    await upload('fs-delete', zipLike('fs-delete-other', 1000), 'model.zip', '2').expect(200);

    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204, '');
    expect(
      await query(t.database.url, 'SELECT id FROM model_artifacts WHERE model_related_information_id = $1', [
        id,
      ]),
    ).toEqual([]);
    expect(await filesUnder(join(artifactsDir, 'fs-delete'))).toEqual([join('2', '1.0.0', 'model.zip')]);
    await request(t.http)
      .get(DOWNLOAD('fs-delete', '1', '1.0.0'))
      .expect(404);
    await request(t.http)
      .get(DOWNLOAD('fs-delete', '2', '1.0.0'))
      .expect(200);
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
    await request(t.http).get(`${REGISTRATIONS}/${other}/artifacts`).expect(200);
  });

  it('rejects path segments that are not valid names or versions with 400, before touching the store', async () => {
    await register('fs-traversal');
    const before = await filesUnder(t.dataDir);
    for (const [path, detail] of [
      [
        '/ai-ml-model-registration/v1/uploadModel/..%2F..%2Fetc/1',
        'modelName: modelName must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
      [
        '/ai-ml-model-registration/v1/uploadModel/fs-traversal/..',
        'modelVersion: modelVersion must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
      [
        '/ai-ml-model-registration/v1/downloadModel/fs-traversal/1/..%2F..%2F..%2Fpasswd/model.zip',
        'artifactVersion: artifactVersion must look like 1.2.0 (three numbers, each 0-999999999)',
      ],
      [
        '/ai-ml-model-registration/v1/downloadModel/%2E%2E/1/1.0.0/model.zip',
        'modelName: modelName must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit',
      ],
    ]) {
      const attempt = path.includes('uploadModel')
        ? request(t.http).post(path).attach('file', zipLike('evil', 100), 'model.zip')
        : request(t.http).get(path);
      const response = await attempt.expect(400);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail,
        instance: path,
      });
    }
    expect(await filesUnder(t.dataDir)).toEqual(before);
  });

  describe('deprecated endpoints', () => {
    it('updateArtifact sets the artifact version with no body: 200 {"modelinfo": …}', async () => {
      const id = await register('fs-update-artifact');
      const response = await request(t.http)
        .post(`${REGISTRATIONS}/updateArtifact/fs-update-artifact/1/1.3.0`)
        .expect(200);
      expect(response.body).toEqual({
        modelinfo: expectedModel({ id, modelName: 'fs-update-artifact', artifactVersion: '1.3.0' }),
      });
      // The next upload continues from there, and never reuses a version that has an archive.
      expect(
        (await upload('fs-update-artifact', zipLike('ua-1', 100)).expect(200)).body.modelinfo.modelId
          .artifactVersion,
      ).toBe('1.4.0');
      // An empty body under a form type, as `curl -X POST -d ''` sends it, is no body either.
      await request(t.http)
        .post(`${REGISTRATIONS}/updateArtifact/fs-update-artifact/1/1.0.0`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('')
        .expect(200);
      expect(
        (await upload('fs-update-artifact', zipLike('ua-2', 100)).expect(200)).body.modelinfo.modelId
          .artifactVersion,
      ).toBe('1.5.0');
    });

    it('updateArtifact: 404 for an unknown model, 400 for a bad version string', async () => {
      const unknown = await request(t.http)
        .post(`${REGISTRATIONS}/updateArtifact/nobody/1/1.0.0`)
        .expect(404);
      expect(unknown.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No model named nobody with version 1 is registered',
        instance: `${REGISTRATIONS}/updateArtifact/nobody/1/1.0.0`,
      });
      await register('fs-update-bad');
      for (const version of ['1.0', 'v1.0.0', '1.0.0-beta', 'latest']) {
        const response = await request(t.http)
          .post(`${REGISTRATIONS}/updateArtifact/fs-update-bad/1/${version}`)
          .expect(400);
        expect(response.body.detail).toBe(
          'artifactVersion: artifactVersion must look like 1.2.0 (three numbers, each 0-999999999)',
        );
      }
      const stored = await request(t.http)
        .get(`/ai-ml-model-discovery/v1/models?model-name=fs-update-bad`)
        .expect(200);
      expect(stored.body[0].modelId.artifactVersion).toBe('0.0.0');
    });

    it("getModelInfo returns the model's registrations as JSON text in the Go envelope", async () => {
      const first = await register('fs-model-info', '1');
      const second = await register('fs-model-info', '2');
      const response = await request(t.http)
        .get('/ai-ml-model-registration/v1/getModelInfo/fs-model-info')
        .expect(200);
      expect(response.body.code).toBe(200);
      expect(response.body.message.name).toBe('fs-model-info');
      expect(typeof response.body.message.data).toBe('string');
      const data = JSON.parse(response.body.message.data as string);
      expect(data.map((model: { id: string }) => model.id)).toEqual([first, second]);
      expect(data[0]).toEqual((await request(t.http).get(`${REGISTRATIONS}/${first}`)).body);

      await request(t.http)
        .get('/ai-ml-model-registration/v1/getModelInfo/nobody')
        .expect(200, { code: 200, message: { name: 'nobody', data: '[]' } });
    });

    it('marks both as deprecated in the OpenAPI document', async () => {
      const document = (await request(t.http).get('/api-docs-json').expect(200)).body;
      const paths = document.paths as Record<string, Record<string, { deprecated?: boolean }>>;
      expect(
        paths[
          '/ai-ml-model-registration/v1/model-registrations/updateArtifact/{modelName}/{modelVersion}/{artifactVersion}'
        ].post.deprecated,
      ).toBe(true);
      expect(paths['/ai-ml-model-registration/v1/getModelInfo/{modelName}'].get.deprecated).toBe(true);
      const upload = paths['/ai-ml-model-registration/v1/uploadModel/{modelName}/{modelVersion}']
        .post as unknown as {
        requestBody: { content: Record<string, { schema: { properties: { file: { format: string } } } }> };
      };
      expect(upload.requestBody.content['multipart/form-data'].schema.properties.file.format).toBe('binary');
    });
  });

  it('readiness includes the artifact store', async () => {
    await request(t.http)
      .get('/health/ready')
      .expect(200, { status: 'ok', checks: { database: 'up', artifactStore: 'up' } });
  });
});
