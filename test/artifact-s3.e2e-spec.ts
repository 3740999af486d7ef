import { PutObjectCommand } from '@aws-sdk/client-s3';
import request from 'supertest';
import type { Readable } from 'node:stream';
import { vi } from 'vitest';
import { ARTIFACT_STORE, ArtifactStore } from '../src/artifacts/artifact-store';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody, registerModel } from './support/model-fixtures';
import { startS3Server, StoredObjectInfo, TestS3Server } from './support/s3-server';
import {
  abortedUpload,
  binary,
  DOWNLOAD,
  eventually,
  problemBody,
  sha256,
  UPLOAD,
  UPLOAD_MESSAGE,
  zipArchive,
  zipLike,
  failingAfter,
  expectConcurrentUploadsVersioned,
} from './support/artifact-fixtures';

/** The S3 store against a real S3-protocol server (s3rver) on loopback. */
describe('model archives on S3 (s3rver, real database)', () => {
  let s3: TestS3Server;

  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3.close();
  });

  describe('the Go service layout (bucket per model, the default)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: s3.env() });
    });
    afterAll(async () => {
      await t.close();
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });

    const register = (modelName: string, modelVersion = '1') =>
      registerModel(t.http, modelName, modelVersion);

    it('stores <name>_<version>_<artifactVersion>_model.zip in the lower-cased bucket and downloads it byte for byte', async () => {
      const id = await register('S3-Legacy');
      const archive = zipArchive('s3-legacy', 100_000);
      const response = await request(t.http)
        .post(UPLOAD('S3-Legacy', '1'))
        .attach('file', archive, 'model.zip')
        .expect(200);
      expect(response.body.code).toBe(200);
      expect(response.body.message).toBe(UPLOAD_MESSAGE);
      expect(response.body.modelinfo.id).toBe(id);
      expect(response.body.modelinfo.modelId).toEqual({
        modelName: 'S3-Legacy',
        modelVersion: '1',
        artifactVersion: '1.0.0',
      });
      expect(await s3.keys('s3-legacy')).toEqual(['S3-Legacy_1_1.0.0_model.zip']);

      const download = await request(t.http)
        .get(DOWNLOAD('S3-Legacy', '1', '1.0.0'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
      expect(download.headers.etag).toBe(`"${sha256(archive)}"`);
      expect(download.headers['content-length']).toBe(String(archive.length));
      const ranged = await request(t.http)
        .get(DOWNLOAD('S3-Legacy', '1', '1.0.0'))
        .set('Range', 'bytes=10-19')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(ranged.body as Buffer, archive.subarray(10, 20))).toBe(0);
      expect(ranged.headers['content-range']).toBe(`bytes 10-19/${archive.length}`);
    });

    it('streams a multipart-sized upload (above one 8 MiB part) and keeps no temporary object', async () => {
      await register('s3-large');
      const archive = zipLike('s3-large', 12 * 1024 * 1024 + 17);
      await request(t.http).post(UPLOAD('s3-large', '1')).attach('file', archive, 'model.zip').expect(200);
      expect(await s3.keys('s3-large')).toEqual(['s3-large_1_1.0.0_model.zip']);
      const download = await request(t.http)
        .get(DOWNLOAD('s3-large', '1', '1.0.0'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(sha256(download.body as Buffer)).toBe(sha256(archive));
    });

    it('downloads an archive the Go service stored (object only, no record), with HEAD and Range', async () => {
      await register('go-era-model');
      const archive = zipArchive('go-era', 50_000);
      await s3.putObject('go-era-model', 'go-era-model_1_1.1.0_model.zip', archive);
      const path = DOWNLOAD('go-era-model', '1', '1.1.0');

      const download = await request(t.http).get(path).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
      expect(download.headers['content-type']).toBe('application/zip');
      expect(download.headers['content-length']).toBe(String(archive.length));
      expect(download.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
      const head = await request(t.http).head(path).expect(200);
      expect(head.headers['content-length']).toBe(String(archive.length));
      const ranged = await request(t.http)
        .get(path)
        .set('Range', 'bytes=-100')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(ranged.body as Buffer, archive.subarray(archive.length - 100))).toBe(0);
      await request(t.http).get(path).set('If-None-Match', download.headers.etag).expect(304);
      await request(t.http)
        .get(DOWNLOAD('go-era-model', '1', '1.2.0'))
        .expect(404);
    });

    it('gives five concurrent uploads the versions 1.0.0 … 1.4.0 with matching objects', async () => {
      await register('s3-concurrent');
      const archives = [0, 1, 2, 3, 4].map((index) => zipLike(`s3-concurrent-${index}`, 200_000 + index));
      await expectConcurrentUploadsVersioned(t.http, 's3-concurrent', archives);
      expect(await s3.keys('s3-concurrent')).toEqual(
        ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0'].map(
          (version) => `s3-concurrent_1_${version}_model.zip`,
        ),
      );
    });

    it('a store failure in the middle of a multipart upload: 503, nothing in the bucket, no record, no bump', async () => {
      const id = await register('s3-fault');
      const store = t.app.get<ArtifactStore>(ARTIFACT_STORE);
      const realPut = store.put.bind(store);
      vi.spyOn(store, 'put').mockImplementationOnce((key: string, body: Readable) =>
        realPut(key, failingAfter(body, 9 * 1024 * 1024)),
      );
      const response = await request(t.http)
        .post(UPLOAD('s3-fault', '1'))
        .attach('file', zipLike('s3-fault', 12 * 1024 * 1024), 'model.zip')
        .expect(503);
      expect(response.body.detail).toBe('The artifact store is unavailable; retry later');
      await eventually(async () => expect(await s3.keys('s3-fault')).toEqual([]));
      expect(
        await query(
          t.database.url,
          'SELECT id FROM model_artifacts WHERE model_related_information_id = $1',
          [id],
        ),
      ).toEqual([]);
      expect((await request(t.http).get(`${REGISTRATIONS}/${id}`)).body.modelId.artifactVersion).toBe(
        '0.0.0',
      );
    });

    it('a client that disconnects mid-upload leaves nothing in the bucket', async () => {
      const id = await register('s3-abort');
      await abortedUpload(t.http, UPLOAD('s3-abort', '1'), zipLike('s3-abort', 2 * 1024 * 1024), 700 * 1024);
      await eventually(async () => expect(await s3.keys('s3-abort')).toEqual([]));
      expect((await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`)).body).toEqual([]);
      expect((await request(t.http).get(`${REGISTRATIONS}/${id}`)).body.modelId.artifactVersion).toBe(
        '0.0.0',
      );
    });

    it('deleting a registration deletes its objects', async () => {
      const id = await register('s3-delete');
      await register('s3-delete', '2');
      await request(t.http)
        .post(UPLOAD('s3-delete', '1'))
        .attach('file', zipArchive('d1'), 'model.zip')
        .expect(200);
      await request(t.http)
        .post(UPLOAD('s3-delete', '1'))
        .attach('file', zipArchive('d2'), 'model.zip')
        .expect(200);
      await request(t.http)
        .post(UPLOAD('s3-delete', '2'))
        .attach('file', zipArchive('d3'), 'model.zip')
        .expect(200);
      await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
      expect(await s3.keys('s3-delete')).toEqual(['s3-delete_2_1.0.0_model.zip']);
    });

    it('refuses a model whose name cannot be a bucket name with 400, writing nothing', async () => {
      await register('under_score');
      const before = await s3.buckets();
      const response = await request(t.http)
        .post(UPLOAD('under_score', '1'))
        .attach('file', zipArchive('u'), 'model.zip')
        .expect(400);
      expect(response.body.detail).toBe(
        'Model name under_score cannot be an S3 bucket name (3-63 letters, digits, "." or "-"), which the ' +
          'bucket-per-model layout needs; the operator can set S3_BUCKET to store every model in one bucket',
      );
      expect(await s3.buckets()).toEqual(before);
      await request(t.http)
        .get(DOWNLOAD('under_score', '1', '1.0.0'))
        .expect(404);
    });

    it('readiness checks the S3 service', async () => {
      await request(t.http)
        .get('/health/ready')
        .expect(200, { status: 'ok', checks: { database: 'up', artifactStore: 'up' } });
    });
  });

  describe('archives the training pipelines stored with the model-storage SDK', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: s3.env() });
    });
    afterAll(async () => {
      await t.close();
    });

    const register = (modelName: string, modelVersion = '1') =>
      registerModel(t.http, modelName, modelVersion);

    const history = async (id: string) =>
      (await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200)).body as unknown;

    const pipelineEntry = (artifactVersion: string, stored: StoredObjectInfo) => ({
      artifactVersion,
      sizeBytes: stored.sizeBytes,
      createdAt: stored.lastModified.toISOString(),
      source: 'pipeline',
      etag: stored.etag,
    });

    it('serves <model>/<version>/<artifactVersion>/Model.zip with GET, HEAD, Range, If-Range and S3 ETag / 304', async () => {
      await register('qoe-pipeline');
      // Above boto3's 8 MiB multipart threshold, as a trained model often is (S3 and LeoFS then give
      // a `"<md5>-2"` ETag, s3rver a plain MD5).
      const archive = zipLike('qoe-pipeline', 9 * 1024 * 1024 + 5);
      const stored = await s3.putPipelineArchive('qoe-pipeline', '1', '1.0.0', archive);
      expect(await s3.keys('qoe-pipeline')).toEqual(['1/1.0.0/Model.zip', '1/1.0.0/metadata.json']);
      const path = DOWNLOAD('qoe-pipeline', '1', '1.0.0');

      const download = await request(t.http).get(path).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
      expect(download.headers['content-type']).toBe('application/zip');
      expect(download.headers['content-length']).toBe(String(archive.length));
      expect(download.headers['content-disposition']).toBe(
        'attachment; filename="qoe-pipeline_1_1.0.0_model.zip"',
      );
      expect(download.headers['accept-ranges']).toBe('bytes');
      expect(download.headers.etag).toBe(stored.etag);

      const head = await request(t.http).head(path).expect(200);
      expect(head.headers['content-length']).toBe(String(archive.length));
      expect(head.headers.etag).toBe(stored.etag);

      const ranged = await request(t.http)
        .get(path)
        .set('Range', 'bytes=100-199')
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(ranged.body as Buffer, archive.subarray(100, 200))).toBe(0);
      expect(ranged.headers['content-range']).toBe(`bytes 100-199/${archive.length}`);
      const resumed = await request(t.http)
        .get(path)
        .set('Range', `bytes=${archive.length - 10}-`)
        .set('If-Range', stored.etag)
        .buffer(true)
        .parse(binary)
        .expect(206);
      expect(Buffer.compare(resumed.body as Buffer, archive.subarray(archive.length - 10))).toBe(0);
      await request(t.http).get(path).set('Range', 'bytes=0-9').set('If-Range', '"other"').expect(200);
      const unsatisfiable = await request(t.http)
        .get(path)
        .set('Range', `bytes=${archive.length}-`)
        .expect(416);
      expect(unsatisfiable.headers['content-range']).toBe(`bytes */${archive.length}`);

      await request(t.http).get(path).set('If-None-Match', stored.etag).expect(304);
      await request(t.http).head(path).set('If-None-Match', stored.etag).expect(304);
      const other = DOWNLOAD('qoe-pipeline', '1', '1.1.0');
      expect((await request(t.http).get(other).expect(404)).body).toEqual(
        problemBody(
          404,
          'Not Found',
          'No archive with artifact version 1.1.0 for model qoe-pipeline version 1',
          other,
        ),
      );
    });

    it('lists them in the history, marked "source": "pipeline", newest first, after what a download would serve instead', async () => {
      const id = await register('pipeline-history');
      const second = await register('pipeline-history', '2');
      await register('pipeline-history', '10');
      const p110 = await s3.putPipelineArchive('pipeline-history', '1', '1.1.0', zipArchive('p110', 3000));
      // Shadowed by the upload below (1.0.0) and by a Go-era object (1.3.0): a download serves those.
      await s3.putPipelineArchive('pipeline-history', '1', '1.0.0', zipArchive('p100'));
      await s3.putPipelineArchive('pipeline-history', '1', '1.3.0', zipArchive('p130'));
      const goEra = zipArchive('go-era-130', 2000);
      await s3.putObject('pipeline-history', 'pipeline-history_1_1.3.0_model.zip', goEra);
      // Not archives of version 1 that a download can name.
      await s3.putPipelineArchive('pipeline-history', '1', 'latest', zipArchive('latest'));
      await s3.putObject('pipeline-history', '1/1.4.0/metadata.json', Buffer.from('{}'));
      await s3.putPipelineArchive('pipeline-history', '10', '1.0.0', zipArchive('v10'));
      const p2 = await s3.putPipelineArchive('pipeline-history', '2', '1.0.0', zipArchive('v2', 5000));

      const uploaded = zipArchive('uploaded-100', 4000);
      const upload = await request(t.http)
        .post(UPLOAD('pipeline-history', '1'))
        .attach('file', uploaded, 'model.zip')
        .expect(200);
      expect(upload.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
      // S3 keeps whole seconds: the next pipeline archive is stored a second after the upload.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const newest = zipArchive('p120', 6000);
      const p120 = await s3.putPipelineArchive('pipeline-history', '1', '1.2.0', newest);

      expect(await history(id)).toEqual([
        pipelineEntry('1.2.0', p120),
        {
          artifactVersion: '1.0.0',
          sizeBytes: uploaded.length,
          sha256: sha256(uploaded),
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
        pipelineEntry('1.1.0', p110),
      ]);
      expect(await history(second)).toEqual([pipelineEntry('1.0.0', p2)]);

      const served = async (artifactVersion: string) =>
        (
          await request(t.http)
            .get(DOWNLOAD('pipeline-history', '1', artifactVersion))
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer;
      expect(Buffer.compare(await served('1.0.0'), uploaded)).toBe(0);
      expect(Buffer.compare(await served('1.3.0'), goEra)).toBe(0);
      expect(Buffer.compare(await served('1.2.0'), newest)).toBe(0);
    });

    it('a model with no bucket (or a name S3 will not take as one) has none: 404 problem, history of the uploads only', async () => {
      for (const modelName of ['no-pipeline-bucket', 'Under_Score_Model']) {
        const id = await register(modelName);
        expect(await s3.buckets()).not.toContain(modelName);
        expect(await history(id)).toEqual([]);
        const path = DOWNLOAD(modelName, '1', '1.0.0');
        const response = await request(t.http).get(path).expect(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toEqual(
          problemBody(
            404,
            'Not Found',
            `No archive with artifact version 1.0.0 for model ${modelName} version 1`,
            path,
          ),
        );
        await request(t.http).head(path).expect(404);
      }
    });

    it('the model name is the bucket as given: no lower-casing', async () => {
      await s3.putPipelineArchive('cased-model', '1', '1.0.0', zipArchive('cased'));
      await request(t.http)
        .get(DOWNLOAD('cased-model', '1', '1.0.0'))
        .expect(200);
      await request(t.http)
        .get(DOWNLOAD('Cased-Model', '1', '1.0.0'))
        .expect(404);
    });
  });

  describe('pipeline archives when the S3 service refuses these credentials (403)', () => {
    let t: TestApp;

    beforeAll(async () => {
      // s3rver does not check V4 signatures, only the key id: an unknown one gets 403
      // InvalidAccessKeyId. S3_BUCKET: no Go-era lookup, whose 403 would be an outage (503).
      t = await createTestApp({ env: s3.env({ S3_BUCKET: 'mms-refused', S3_ACCESS_KEY: 'UNKNOWN' }) });
    });
    afterAll(async () => {
      await t.close();
    });

    it('finds none: downloads 404, the history lists only the uploads', async () => {
      await s3.putPipelineArchive('refused-model', '1', '1.0.0', zipArchive('refused'));
      const id = (
        await request(t.http)
          .post(REGISTRATIONS)
          .send(registrationBody({ modelName: 'refused-model' }))
          .expect(201)
      ).body.modelInfo.id as string;
      const path = DOWNLOAD('refused-model', '1', '1.0.0');
      expect((await request(t.http).get(path).expect(404)).body).toEqual(
        problemBody(
          404,
          'Not Found',
          'No archive with artifact version 1.0.0 for model refused-model version 1',
          path,
        ),
      );
      await request(t.http).head(path).expect(404);
      await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200, []);
    });
  });

  describe('the single-bucket layout (S3_BUCKET)', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: s3.env({ S3_BUCKET: 'mms-archives' }) });
    });
    afterAll(async () => {
      await t.close();
    });

    it('stores <name>/<version>/<artifactVersion>/model.zip in that bucket, created on demand', async () => {
      await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'single_bucket_ok' }))
        .expect(201);
      await request(t.http).get('/health/ready').expect(200);
      const archive = zipArchive('single', 30_000);
      await request(t.http)
        .post(UPLOAD('single_bucket_ok', '1'))
        .attach('file', archive, 'model.zip')
        .expect(200);
      await request(t.http)
        .post(UPLOAD('single_bucket_ok', '1'))
        .attach('file', archive, 'model.zip')
        .expect(200);
      expect(await s3.keys('mms-archives')).toEqual([
        'single_bucket_ok/1/1.0.0/model.zip',
        'single_bucket_ok/1/1.1.0/model.zip',
      ]);
      const download = await request(t.http)
        .get(DOWNLOAD('single_bucket_ok', '1', '1.1.0'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
    });

    it("also serves and lists the archives pipelines stored in the model's own bucket", async () => {
      const id = (
        await request(t.http)
          .post(REGISTRATIONS)
          .send(registrationBody({ modelName: 'single-pipeline' }))
          .expect(201)
      ).body.modelInfo.id as string;
      const archive = zipArchive('single-pipeline', 7000);
      const stored = await s3.putPipelineArchive('single-pipeline', '1', '1.0.0', archive);
      const download = await request(t.http)
        .get(DOWNLOAD('single-pipeline', '1', '1.0.0'))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, archive)).toBe(0);
      expect(download.headers.etag).toBe(stored.etag);
      expect((await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200)).body).toEqual([
        {
          artifactVersion: '1.0.0',
          sizeBytes: archive.length,
          createdAt: stored.lastModified.toISOString(),
          source: 'pipeline',
          etag: stored.etag,
        },
      ]);
    });

    it('lists past one ListObjects page (1000 keys)', async () => {
      const id = (
        await request(t.http)
          .post(REGISTRATIONS)
          .send(registrationBody({ modelName: 'many-pipeline-runs' }))
          .expect(201)
      ).body.modelInfo.id as string;
      const versions = Array.from({ length: 1001 }, (_, index) => `1.${index}.0`);
      await s3.putObject('many-pipeline-runs', 'seed', Buffer.from('x'));
      for (let start = 0; start < versions.length; start += 25) {
        await Promise.all(
          versions.slice(start, start + 25).map((version) =>
            s3.client.send(
              new PutObjectCommand({
                Bucket: 'many-pipeline-runs',
                Key: `1/${version}/Model.zip`,
                Body: 'PK',
              }),
            ),
          ),
        );
      }
      const listed = (await request(t.http).get(`${REGISTRATIONS}/${id}/artifacts`).expect(200))
        .body as Array<{ artifactVersion: string; sizeBytes: number; source: string }>;
      expect(listed).toHaveLength(versions.length);
      expect(listed.map((entry) => entry.artifactVersion).sort()).toEqual([...versions].sort());
      expect(listed.every((entry) => entry.source === 'pipeline' && entry.sizeBytes === 2)).toBe(true);
    });
  });

  describe('an unreachable S3 service', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: { ...s3.env(), S3_URL: 'http://127.0.0.1:9' } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('makes readiness 503 naming the artifact store, and uploads 503', async () => {
      const ready = await request(t.http).get('/health/ready').expect(503);
      expect(ready.body).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'Not ready: artifactStore down',
        instance: '/health/ready',
      });
      await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'unreachable' }))
        .expect(201);
      const upload = await request(t.http)
        .post(UPLOAD('unreachable', '1'))
        .attach('file', zipArchive('u'), 'model.zip')
        .expect(503);
      expect(upload.body.detail).toBe('The artifact store is unavailable; retry later');
    });
  });
});
