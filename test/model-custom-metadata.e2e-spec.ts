import request from 'supertest';
import { UPLOAD, UPLOAD_MESSAGE, zipArchive } from './support/artifact-fixtures';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, expectedModel, REGISTRATIONS, registrationBody } from './support/model-fixtures';

const MODEL_INFO = '/ai-ml-model-registration/v1/getModelInfo';
const UPDATE_ARTIFACT = `${REGISTRATIONS}/updateArtifact`;

/** A registration body whose metadata is `metadata` (author and owner included as given). */
function withMetadata(
  metadata: Record<string, unknown>,
  modelName = 'custom-metadata',
): Record<string, unknown> {
  const body = registrationBody({ modelName });
  return { ...body, modelInformation: { ...(body.modelInformation as object), metadata } };
}

/** The resource of a {@link withMetadata} registration. */
function expectedWith(
  id: string,
  metadata: Record<string, string>,
  modelName = 'custom-metadata',
): Record<string, unknown> & { modelId: Record<string, string> } {
  const model = expectedModel({ id, modelName });
  return {
    ...model,
    modelId: model.modelId as Record<string, string>,
    modelInformation: { ...(model.modelInformation as object), metadata },
  };
}

/** Custom keys beside author and owner (e.g. `metadata.algorithm`): stored, returned, bounded. */
describe('custom metadata', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectBadRegistration(body: object, detail: string): Promise<void> {
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: REGISTRATIONS,
    });
  }

  it('registers with metadata.algorithm (201), stores it, and returns it from GET, after author and owner', async () => {
    const sent = { framework: 'xgboost', author: 'alice', algorithm: 'gbdt', owner: 'ran-team' };
    const created = await request(t.http).post(REGISTRATIONS).send(withMetadata(sent)).expect(201);
    const id = created.body.modelInfo.id as string;
    const metadata = { author: 'alice', owner: 'ran-team', algorithm: 'gbdt', framework: 'xgboost' };
    expect(created.body).toEqual({ modelInfo: expectedWith(id, metadata) });
    // Known keys first, then the custom ones in key order, whatever order they came in.
    expect(created.text).toContain(
      '"metadata":{"author":"alice","owner":"ran-team","algorithm":"gbdt","framework":"xgboost"}',
    );

    const read = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    expect(read.body).toEqual(expectedWith(id, metadata));
    expect(read.text).toContain(
      '"metadata":{"author":"alice","owner":"ran-team","algorithm":"gbdt","framework":"xgboost"}',
    );
    expect(
      await query(
        t.database.url,
        'SELECT author, owner, custom_metadata FROM model_related_informations WHERE id = $1',
        [id],
      ),
    ).toEqual([
      { author: 'alice', owner: 'ran-team', custom_metadata: { algorithm: 'gbdt', framework: 'xgboost' } },
    ]);
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
  });

  it('every answer that carries the registration carries its custom metadata', async () => {
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send(withMetadata({ author: 'alice', owner: 'ran-team', algorithm: 'gbdt' }, 'everywhere'))
      .expect(201);
    const id = created.body.modelInfo.id as string;
    const model = expectedWith(id, { author: 'alice', owner: 'ran-team', algorithm: 'gbdt' }, 'everywhere');

    expect(
      (await request(t.http).get(DISCOVERY).query({ 'model-name': 'everywhere' }).expect(200)).body,
    ).toEqual([model]);
    expect(
      (await request(t.http).get(DISCOVERY).query({ 'model-name': 'everywhere', 'page-size': 1 }).expect(200))
        .body,
    ).toEqual([model]);
    // getModelInfo writes its envelope piece by piece: the custom keys are inside its JSON text.
    const info = await request(t.http).get(`${MODEL_INFO}/everywhere`).expect(200);
    expect(info.body).toEqual({ code: 200, message: { name: 'everywhere', data: JSON.stringify([model]) } });

    // The deprecated updateArtifact, and an upload, change the artifact version alone.
    const moved = await request(t.http).post(`${UPDATE_ARTIFACT}/everywhere/1/1.0.0`).expect(200);
    expect(moved.body).toEqual({
      modelinfo: { ...model, modelId: { ...model.modelId, artifactVersion: '1.0.0' } },
    });
    const uploaded = await request(t.http)
      .post(UPLOAD('everywhere', '1'))
      .attach('file', zipArchive('everywhere'), 'model.zip')
      .expect(200);
    expect(uploaded.body).toEqual({
      code: 200,
      message: UPLOAD_MESSAGE,
      modelinfo: { ...model, modelId: { ...model.modelId, artifactVersion: '1.1.0' } },
    });
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
  });

  it('a PUT replaces the custom metadata: new keys replace the stored ones, none clears them', async () => {
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send(withMetadata({ author: 'alice', algorithm: 'gbdt', framework: 'xgboost' }, 'replaced'))
      .expect(201);
    const id = created.body.modelInfo.id as string;

    const replaced = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send({
        ...withMetadata({ author: 'alice', owner: 'ran-team', dataset: 'cells-2026' }, 'replaced'),
        id,
      })
      .expect(200);
    expect(replaced.body).toEqual({
      modelinfo: expectedWith(id, { author: 'alice', owner: 'ran-team', dataset: 'cells-2026' }, 'replaced'),
    });
    expect((await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200)).body).toEqual(
      expectedWith(id, { author: 'alice', owner: 'ran-team', dataset: 'cells-2026' }, 'replaced'),
    );

    const cleared = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send(withMetadata({ author: 'alice', owner: 'ran-team' }, 'replaced'))
      .expect(200);
    expect(cleared.body).toEqual({
      modelinfo: expectedWith(id, { author: 'alice', owner: 'ran-team' }, 'replaced'),
    });
    expect(
      await query(t.database.url, 'SELECT custom_metadata FROM model_related_informations WHERE id = $1', [
        id,
      ]),
    ).toEqual([{ custom_metadata: {} }]);
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
  });

  it('accepts exactly the bounds: 32 custom keys, 64-character keys, 1024-character values', async () => {
    const metadata: Record<string, string> = { author: 'alice', owner: 'ran-team' };
    for (let n = 1; n <= 31; n += 1) metadata[`key${String(n).padStart(2, '0')}`] = `value ${n}`;
    metadata[`k${'x'.repeat(63)}`] = 'v'.repeat(1024);
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send(withMetadata(metadata, 'bounds'))
      .expect(201);
    const id = created.body.modelInfo.id as string;
    expect((await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200)).body).toEqual(
      expectedWith(id, metadata, 'bounds'),
    );
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
  });

  it('refuses values that are not strings, naming each key', async () => {
    await expectBadRegistration(
      withMetadata({ author: 'alice', algorithm: { name: 'gbdt' }, epochs: 10, tags: ['a'], note: null }),
      'modelInformation.metadata.algorithm: algorithm must be a string; ' +
        'modelInformation.metadata.epochs: epochs must be a string; ' +
        'modelInformation.metadata.tags: tags must be a string; ' +
        'modelInformation.metadata.note: note must be a string',
    );
  });

  it('refuses values over 1024 characters, keys that do not match the pattern, and more than 32 keys', async () => {
    await expectBadRegistration(
      withMetadata({ author: 'alice', algorithm: 'a'.repeat(1025) }),
      'modelInformation.metadata.algorithm: algorithm must be shorter than or equal to 1024 characters',
    );
    const longKey = `k${'x'.repeat(64)}`;
    await expectBadRegistration(
      withMetadata({ author: 'alice', '9lives': 'x', 'white space': 'x', [longKey]: 'x' }),
      'modelInformation.metadata.9lives: the key 9lives must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$; ' +
        'modelInformation.metadata.white space: the key white space must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$; ' +
        `modelInformation.metadata.${longKey}: the key ${longKey} must match ^[A-Za-z][A-Za-z0-9_.-]{0,63}$`,
    );
    const many: Record<string, string> = { author: 'alice' };
    for (let n = 1; n <= 33; n += 1) many[`key${n}`] = 'x';
    await expectBadRegistration(
      withMetadata(many),
      'modelInformation.metadata: metadata must have at most 32 keys besides author and owner',
    );
    // A key an object inherits would be dropped on the way in, not stored: refused instead.
    await expectBadRegistration(
      withMetadata({ author: 'alice', toString: 'x' }),
      'modelInformation.metadata.toString: property should not exist',
    );
  });

  it('the known keys keep their rules, reported with the custom ones', async () => {
    await expectBadRegistration(
      withMetadata({ author: 42, owner: 'ran-team', algorithm: 7 }),
      'modelInformation.metadata.author: author must be a string; ' +
        'modelInformation.metadata.algorithm: algorithm must be a string',
    );
    await expectBadRegistration(
      withMetadata({ owner: 'ran-team', algorithm: 'gbdt' }),
      'modelInformation.metadata.author: author is required',
    );
  });

  it('unknown fields anywhere else are still refused', async () => {
    await expectBadRegistration(
      { ...withMetadata({ author: 'alice', algorithm: 'gbdt' }), algorithm: 'gbdt' },
      'algorithm: property algorithm should not exist',
    );
    // Whatever its value: an unknown field set to null is not "required".
    await expectBadRegistration(
      { ...withMetadata({ author: 'alice' }), algorithm: null },
      'algorithm: property algorithm should not exist',
    );
    const body = withMetadata({ author: 'alice', algorithm: 'gbdt' });
    await expectBadRegistration(
      { ...body, modelInformation: { ...(body.modelInformation as object), algorithm: 'gbdt' } },
      'modelInformation.algorithm: property algorithm should not exist',
    );
    await expectBadRegistration(
      { ...body, modelId: { modelName: 'custom-metadata', modelVersion: '1', algorithm: 'gbdt' } },
      'modelId.algorithm: property algorithm should not exist',
    );
  });
});
