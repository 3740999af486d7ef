import request from 'supertest';
import { join } from 'node:path';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';
import {
  DOWNLOAD,
  eventually,
  problemBody,
  UPLOAD,
  uploadSnapshot,
  zipArchive,
} from './support/artifact-fixtures';

describe('artifact versions at the bound (HTTP, real database)', () => {
  let t: TestApp;
  const snapshot = (modelName: string) =>
    uploadSnapshot(t.database.url, join(t.dataDir, 'artifacts'), modelName);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function register(modelName: string): Promise<string> {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName }))
      .expect(201);
    return response.body.modelInfo.id as string;
  }
  const upload = (modelName: string, seed: string) =>
    request(t.http).post(UPLOAD(modelName, '1')).attach('file', zipArchive(seed), 'model.zip');

  it('an upload after x.999999999.z is a 409 that changes nothing, every time; never a reused version or a 500', async () => {
    await register('ver-bound');
    await upload('ver-bound', 'first').expect(200);
    await request(t.http).post(`${REGISTRATIONS}/updateArtifact/ver-bound/1/1.999999998.0`).expect(200);
    const last = await upload('ver-bound', 'last').expect(200);
    expect(last.body.modelinfo.modelId.artifactVersion).toBe('1.999999999.0');
    await request(t.http)
      .get(DOWNLOAD('ver-bound', '1', '1.999999999.0'))
      .expect(200);

    const before = await snapshot('ver-bound');
    expect(before.model).toEqual({ artifact_version: '1.999999999.0', records: '2' });
    for (const seed of ['over-1', 'over-2']) {
      const response = await upload('ver-bound', seed).expect(409);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual(
        problemBody(
          409,
          'Conflict',
          'No artifact version is left for model ver-bound version 1: after 1.999999999.0 the middle ' +
            'number would pass 999999999, the largest an artifact version may hold; register a new model version',
          UPLOAD('ver-bound', '1'),
        ),
      );
      await eventually(async () => expect(await snapshot('ver-bound')).toEqual(before));
    }
  });

  it('updateArtifact straight to the bound: the next upload is the same 409', async () => {
    await register('ver-set-bound');
    await request(t.http).post(`${REGISTRATIONS}/updateArtifact/ver-set-bound/1/3.999999999.7`).expect(200);
    const before = await snapshot('ver-set-bound');
    const response = await upload('ver-set-bound', 'x').expect(409);
    expect(response.body.detail).toBe(
      'No artifact version is left for model ver-set-bound version 1: after 3.999999999.7 the middle ' +
        'number would pass 999999999, the largest an artifact version may hold; register a new model version',
    );
    await eventually(async () => expect(await snapshot('ver-set-bound')).toEqual(before));
  });

  it('refuses numbers past the bound wherever a version enters: updateArtifact, PUT, download path', async () => {
    const id = await register('ver-entry');
    const path = `${REGISTRATIONS}/updateArtifact/ver-entry/1/1.1000000000.0`;
    const pathDetail =
      'artifactVersion: artifactVersion must look like 1.2.0 (three numbers, each 0-999999999)';
    expect((await request(t.http).post(path).expect(400)).body.detail).toBe(pathDetail);
    const body = registrationBody({ modelName: 'ver-entry' });
    const put = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send({ ...body, modelId: { ...(body.modelId as object), artifactVersion: '1.1000000000.0' } })
      .expect(400);
    expect(put.body.detail).toBe(
      'modelId.artifactVersion: artifactVersion must be empty or look like 1.2.0 (three numbers, each 0-999999999)',
    );
    const download = await request(t.http)
      .get(DOWNLOAD('ver-entry', '1', '1.1000000000.0'))
      .expect(400);
    expect(download.body.detail).toBe(pathDetail);
  });

  it('a stored version the rule cannot parse (Go-era free text, or a number past the bound): counts from the records', async () => {
    const id = await register('ver-adopted');
    await upload('ver-adopted', 'a').expect(200);
    await upload('ver-adopted', 'b').expect(200);
    // As adopted from a Go-era database: any text.
    await query(
      t.database.url,
      `UPDATE model_related_informations SET artifact_version = 'v7-final' WHERE id = $1`,
      [id],
    );
    expect((await upload('ver-adopted', 'c').expect(200)).body.modelinfo.modelId.artifactVersion).toBe(
      '1.2.0',
    );
    await query(
      t.database.url,
      `UPDATE model_related_informations SET artifact_version = '1.1000000000.0' WHERE id = $1`,
      [id],
    );
    expect((await upload('ver-adopted', 'd').expect(200)).body.modelinfo.modelId.artifactVersion).toBe(
      '1.3.0',
    );

    const fresh = await register('ver-adopted-fresh');
    await query(
      t.database.url,
      `UPDATE model_related_informations SET artifact_version = 'latest' WHERE id = $1`,
      [fresh],
    );
    expect((await upload('ver-adopted-fresh', 'e').expect(200)).body.modelinfo.modelId.artifactVersion).toBe(
      '1.0.0',
    );
  });

  it('a recorded version past the bound (left by an older release): 409, not a duplicate-key 500', async () => {
    const id = await register('ver-recorded-over');
    await upload('ver-recorded-over', 'a').expect(200);
    // What the release before this fix recorded after 1.999999999.0.
    await query(
      t.database.url,
      `UPDATE model_artifacts SET artifact_version = '1.1000000000.0' WHERE model_related_information_id = $1`,
      [id],
    );
    const before = await snapshot('ver-recorded-over');
    const response = await upload('ver-recorded-over', 'b').expect(409);
    expect(response.body.detail).toBe(
      'No artifact version is left for model ver-recorded-over version 1: after 1.1000000000.0 the middle ' +
        'number would pass 999999999, the largest an artifact version may hold; register a new model version',
    );
    await eventually(async () => expect(await snapshot('ver-recorded-over')).toEqual(before));
  });
});
