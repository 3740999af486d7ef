import request from 'supertest';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import {
  DISCOVERY,
  EDGE,
  KSERVE,
  ONNX,
  REGISTRATIONS,
  registrationBody,
  expectedModel,
} from './support/model-fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('model registration CRUD (HTTP, real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function register(body: Record<string, unknown>): Promise<string> {
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(201);
    return response.body.modelInfo.id as string;
  }

  async function environmentRows(id: string) {
    return query(
      t.database.url,
      'SELECT platform_name, environment_type, dependency_list FROM target_environments WHERE model_related_information_id = $1 ORDER BY position',
      [id],
    );
  }

  it('creates a registration with its environments: 201, the envelope, Location, server-made id', async () => {
    const body = {
      ...registrationBody({ modelName: 'create-me', targetEnvironment: [KSERVE, EDGE] }),
      id: 'client-id',
    };
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(201);
    const id = response.body.modelInfo.id;
    expect(id).toMatch(UUID);
    expect(response.headers.location).toBe(`${REGISTRATIONS}/${id}`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      modelInfo: expectedModel({ id, modelName: 'create-me', targetEnvironment: [KSERVE, EDGE] }),
    });
    expect(await environmentRows(id)).toEqual([
      { platform_name: 'kserve', environment_type: 'prod', dependency_list: 'tensorflow=2.15' },
      { platform_name: 'edge', environment_type: 'stg', dependency_list: 'tflite' },
    ]);
  });

  it('accepts the Training Manager agent body: no targetEnvironment, empty owner', async () => {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'tm-agent', owner: '' }))
      .expect(201);
    expect(response.body.modelInfo.modelInformation.targetEnvironment).toEqual([]);
    expect(response.body.modelInfo.modelInformation.metadata).toEqual({ author: 'alice', owner: '' });
  });

  it('reads one by id, exactly the stored resource', async () => {
    const id = await register(registrationBody({ modelName: 'read-me', targetEnvironment: [ONNX] }));
    const response = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    expect(response.body).toEqual(expectedModel({ id, modelName: 'read-me', targetEnvironment: [ONNX] }));
  });

  it('answers 404 problem details for unknown ids, UUID-shaped or not', async () => {
    for (const id of ['0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0042', 'not-a-uuid', "x' OR '1'='1"]) {
      const response = await request(t.http)
        .get(`${REGISTRATIONS}/${encodeURIComponent(id)}`)
        .expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `No model registration with id ${id}`,
        instance: `${REGISTRATIONS}/${encodeURIComponent(id)}`,
      });
    }
  });

  it('reads all, by name, and by name and version (both parameter spellings, trailing slash)', async () => {
    const a1 = await register(
      registrationBody({ modelName: 'disc-a', modelVersion: '1', targetEnvironment: [KSERVE] }),
    );
    const a2 = await register(registrationBody({ modelName: 'disc-a', modelVersion: '2' }));
    const b1 = await register(registrationBody({ modelName: 'disc-b', modelVersion: '1' }));

    const all = await request(t.http).get(DISCOVERY).expect(200);
    const allIds = (all.body as Array<{ id: string }>).map((m) => m.id);
    expect(allIds).toEqual(expect.arrayContaining([a1, a2, b1]));

    const byName = await request(t.http).get(`${DISCOVERY}/?model-name=disc-a`).expect(200);
    expect((byName.body as Array<{ id: string }>).map((m) => m.id)).toEqual([a1, a2]);
    expect(byName.body[0].modelInformation.targetEnvironment).toEqual([KSERVE]);

    const byBoth = await request(t.http).get(`${DISCOVERY}/?model-name=disc-a&model-version=2`).expect(200);
    expect((byBoth.body as Array<{ id: string }>).map((m) => m.id)).toEqual([a2]);

    const camel = await request(t.http).get(`${DISCOVERY}?modelName=disc-b&modelVersion=1`).expect(200);
    expect((camel.body as Array<{ id: string }>).map((m) => m.id)).toEqual([b1]);
  });

  it('discovery: unknown name alone is an empty list; unknown name+version is 404 (the TM contract)', async () => {
    await request(t.http).get(`${DISCOVERY}/?model-name=nobody`).expect(200, []);
    const response = await request(t.http).get(`${DISCOVERY}/?model-name=nobody&model-version=1`).expect(404);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No model named nobody with version 1 is registered',
      instance: `${DISCOVERY}/`,
    });
  });

  it('update replaces the list of environments', async () => {
    const id = await register(
      registrationBody({ modelName: 'upd-replace', targetEnvironment: [KSERVE, EDGE] }),
    );
    const body = registrationBody({ modelName: 'upd-replace', targetEnvironment: [ONNX], description: 'v2' });
    const response = await request(t.http).put(`${REGISTRATIONS}/${id}`).send(body).expect(200);
    expect(response.body).toEqual({
      modelinfo: expectedModel({
        id,
        modelName: 'upd-replace',
        description: 'v2',
        targetEnvironment: [ONNX],
      }),
    });
    expect(await environmentRows(id)).toEqual([
      { platform_name: 'triton', environment_type: 'dev', dependency_list: 'onnxruntime=1.17' },
    ]);
  });

  it('update with the list absent or null keeps the stored list', async () => {
    const id = await register(registrationBody({ modelName: 'upd-keep', targetEnvironment: [KSERVE, EDGE] }));
    const absent = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send(registrationBody({ modelName: 'upd-keep', description: 'absent' }))
      .expect(200);
    expect(absent.body.modelinfo.modelInformation.targetEnvironment).toEqual([KSERVE, EDGE]);
    const nulled = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send(registrationBody({ modelName: 'upd-keep', description: 'null', targetEnvironment: null }))
      .expect(200);
    expect(nulled.body.modelinfo.modelInformation.targetEnvironment).toEqual([KSERVE, EDGE]);
    expect(nulled.body.modelinfo.description).toBe('null');
    expect(await environmentRows(id)).toHaveLength(2);
  });

  it('update with [] clears the list', async () => {
    const id = await register(registrationBody({ modelName: 'upd-clear', targetEnvironment: [KSERVE] }));
    const response = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send(registrationBody({ modelName: 'upd-clear', targetEnvironment: [] }))
      .expect(200);
    expect(response.body.modelinfo.modelInformation.targetEnvironment).toEqual([]);
    expect(await environmentRows(id)).toEqual([]);
  });

  it('update keeps artifactVersion unless the body gives one (even ""; null keeps it), and empties absent optionals', async () => {
    const id = await register(registrationBody({ modelName: 'upd-artifact' }));
    await query(
      t.database.url,
      `UPDATE model_related_informations SET artifact_version = '1.2.0' WHERE id = $1`,
      [id],
    );
    const kept = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send({ ...registrationBody({ modelName: 'upd-artifact' }), modelLocation: undefined })
      .expect(200);
    expect(kept.body.modelinfo.modelId.artifactVersion).toBe('1.2.0');
    const withNull = registrationBody({ modelName: 'upd-artifact' });
    (withNull.modelId as Record<string, string | null>).artifactVersion = null;
    const keptOnNull = await request(t.http).put(`${REGISTRATIONS}/${id}`).send(withNull).expect(200);
    expect(keptOnNull.body.modelinfo.modelId.artifactVersion).toBe('1.2.0');
    const body = registrationBody({ modelName: 'upd-artifact' });
    (body.modelId as Record<string, string>).artifactVersion = '';
    delete (body.modelInformation as { metadata: Record<string, string> }).metadata.owner;
    const emptied = await request(t.http).put(`${REGISTRATIONS}/${id}`).send(body).expect(200);
    expect(emptied.body.modelinfo.modelId.artifactVersion).toBe('');
    expect(emptied.body.modelinfo.modelInformation.metadata.owner).toBe('');
  });

  it('update rejects a different name/version or id with 400, and unknown ids with 404', async () => {
    const id = await register(registrationBody({ modelName: 'upd-guard' }));
    const renamed = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send(registrationBody({ modelName: 'upd-guard', modelVersion: '2' }))
      .expect(400);
    expect(renamed.body.detail).toBe(
      'modelId.modelName and modelId.modelVersion cannot change (stored: upd-guard version 1)',
    );
    const otherId = await request(t.http)
      .put(`${REGISTRATIONS}/${id}`)
      .send({ ...registrationBody({ modelName: 'upd-guard' }), id: 'another' })
      .expect(400);
    expect(otherId.body.detail).toBe(`id in the body (another) differs from the id in the path (${id})`);
    await request(t.http)
      .put(`${REGISTRATIONS}/nope`)
      .send(registrationBody({ modelName: 'upd-guard' }))
      .expect(404);
    const stored = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    expect(stored.body.modelId.modelVersion).toBe('1');
  });

  it('update of an unknown id is 404 before any complaint about the body (as the Go service)', async () => {
    for (const [id, body] of [
      ['0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0042', {}],
      ['not-a-uuid', { modelId: { modelName: '../bad' }, unknown: 1 }],
      ['0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0043', []],
    ] as const) {
      const response = await request(t.http).put(`${REGISTRATIONS}/${id}`).send(body).expect(404);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `No model registration with id ${id}`,
        instance: `${REGISTRATIONS}/${id}`,
      });
    }
  });

  it('delete removes the registration and its environment rows; deleting again is still 204', async () => {
    const id = await register(registrationBody({ modelName: 'del-me', targetEnvironment: [KSERVE, EDGE] }));
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204, '');
    await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(404);
    expect(await environmentRows(id)).toEqual([]);
    await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
    await request(t.http).delete(`${REGISTRATIONS}/never-existed/`).expect(204);
  });

  it('registering the same name and version twice is a 409', async () => {
    await register(registrationBody({ modelName: 'dup' }));
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'dup' }))
      .expect(409);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'A model named dup with version 1 is already registered',
      instance: REGISTRATIONS,
    });
  });
});
