import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { send } from './support/child-http';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, KSERVE, REGISTRATIONS, registrationBody } from './support/model-fixtures';

/** Every bad-input class gets problem details naming the field, never a 500. */
describe('bad input → problem details', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  function problem(status: number, title: string, detail: string, instance = REGISTRATIONS) {
    return { type: 'about:blank', title, status, detail, instance };
  }

  async function expectBadRegistration(body: unknown, detail: string): Promise<void> {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body))
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(problem(400, 'Bad Request', detail));
  }

  function withModelId(modelId: Record<string, unknown>) {
    return { ...registrationBody(), modelId };
  }

  it('malformed JSON', async () => {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .set('Content-Type', 'application/json')
      .send('{"modelId": ')
      .expect(400);
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      instance: REGISTRATIONS,
    });
    expect(response.body.detail).toMatch(/JSON/);
  });

  it('a body that is not an object', async () => {
    await expectBadRegistration([registrationBody()], 'The request body must be a JSON object');
    await expectBadRegistration('"just a string"', 'The request body must be a JSON object');
    await expectBadRegistration('null', 'The request body must be a JSON object');
  });

  it('missing required fields, each named by its path', async () => {
    await expectBadRegistration(
      { modelId: { modelName: 'x', modelVersion: '1' } },
      'description: description is required; modelInformation: modelInformation is required',
    );
    const body = registrationBody();
    delete (body.modelInformation as { metadata: Record<string, string> }).metadata.author;
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(400);
    expect(response.body.detail).toBe('modelInformation.metadata.author: author is required');
    const nulled = registrationBody();
    (nulled.modelInformation as Record<string, unknown>).inputDataType = null;
    const nullResponse = await request(t.http).post(REGISTRATIONS).send(nulled).expect(400);
    expect(nullResponse.body.detail).toBe('modelInformation.inputDataType: inputDataType is required');
  });

  it('empty required strings', async () => {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send({ ...registrationBody(), description: '' })
      .expect(400);
    expect(response.body.detail).toBe('description: description should not be empty');
  });

  it('wrong JSON types', async () => {
    await expectBadRegistration(
      withModelId({ modelName: 42, modelVersion: '1' }),
      'modelId.modelName: modelName must be a string',
    );
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send({
        ...registrationBody(),
        modelInformation: { ...(registrationBody().modelInformation as object), targetEnvironment: 'kserve' },
      })
      .expect(400);
    expect(response.body.detail).toBe(
      'modelInformation.targetEnvironment: targetEnvironment must be an array',
    );
    const arrayId = await request(t.http)
      .post(REGISTRATIONS)
      .send({ ...registrationBody(), modelId: [] })
      .expect(400);
    expect(arrayId.body.detail).toContain('modelId: modelId must be an object');
  });

  it('unknown fields, top-level and nested', async () => {
    await expectBadRegistration(
      { ...registrationBody(), extra: 1 },
      'extra: property extra should not exist',
    );
    const body = registrationBody({ targetEnvironment: [{ ...KSERVE, id: 'leak' }] });
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(400);
    expect(response.body.detail).toBe(
      'modelInformation.targetEnvironment.0.id: property id should not exist',
    );
  });

  it('names and versions that cannot be URL segments or storage keys', async () => {
    for (const modelName of ['../etc', 'a/b', '', '-leading', 'x'.repeat(129), 'white space']) {
      const response = await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName }))
        .expect(400);
      expect(response.body.detail).toContain('modelId.modelName: modelName must match');
    }
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelVersion: 'v'.repeat(65) }))
      .expect(400);
    expect(response.body.detail).toContain('modelId.modelVersion: modelVersion must match');
  });

  it('strings over 4096 characters and more than 64 environments', async () => {
    const long = await request(t.http)
      .post(REGISTRATIONS)
      .send({ ...registrationBody(), description: 'd'.repeat(4097) })
      .expect(400);
    expect(long.body.detail).toBe(
      'description: description must be shorter than or equal to 4096 characters',
    );
    const many = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ targetEnvironment: Array.from({ length: 65 }, () => KSERVE) }))
      .expect(400);
    expect(many.body.detail).toBe(
      'modelInformation.targetEnvironment: targetEnvironment must contain no more than 64 elements',
    );
  });

  it('a body that is not JSON is 415, on registrations and the assistant alike', async () => {
    const json = JSON.stringify(registrationBody());
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await request(t.http)
        .post(REGISTRATIONS)
        .set('Content-Type', contentType)
        .send(json)
        .expect(415);
      expect(response.body).toEqual(
        problem(
          415,
          'Unsupported Media Type',
          'The request body must be JSON (Content-Type: application/json)',
        ),
      );
    }
    const agent = await request(t.http)
      .post('/experiment/agent/generate-content')
      .set('Content-Type', 'text/plain')
      .send('{"text":"list models"}')
      .expect(415);
    expect(agent.body).toEqual(
      problem(
        415,
        'Unsupported Media Type',
        'The request body must be JSON (Content-Type: application/json)',
        '/experiment/agent/generate-content',
      ),
    );
  });

  it('a JSON body in a charset JSON cannot be is 415; in UTF-16 it is read', async () => {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .set('Content-Type', 'application/json; charset=iso-8859-1')
      .send(JSON.stringify(registrationBody()))
      .expect(415);
    expect(response.body).toEqual(
      problem(415, 'Unsupported Media Type', 'Unsupported request encoding: iso-8859-1'),
    );
    const body = registrationBody({ modelName: 'utf16-encoded' });
    // fetch, not supertest: supertest would serialize a Buffer as JSON.
    const { port } = t.http.address() as AddressInfo;
    const created = await fetch(`http://127.0.0.1:${port}${REGISTRATIONS}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-16le' },
      body: Buffer.from(JSON.stringify(body), 'utf16le'),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { modelInfo: { modelId: unknown } }).modelInfo.modelId).toEqual({
      ...(body.modelId as object),
      artifactVersion: '0.0.0',
    });
  });

  it('a body over the limit is 413', async () => {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...registrationBody(), description: 'd'.repeat(3 * 1024 * 1024) }))
      .expect(413);
    expect(response.body).toMatchObject({
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      instance: REGISTRATIONS,
    });
  });

  it('unknown or repeated discovery parameters are 400', async () => {
    const unknown = await request(t.http).get(`${DISCOVERY}?model=x`).expect(400);
    expect(unknown.body).toEqual(
      problem(400, 'Bad Request', 'model: property model should not exist', DISCOVERY),
    );
    const repeated = await request(t.http).get(`${DISCOVERY}?model-name=a&model-name=b`).expect(400);
    expect(repeated.body.detail).toBe('model-name: model-name must be a string');
  });

  it('NUL characters, which PostgreSQL text cannot hold, are 400 in bodies, queries and paths', async () => {
    const body = await request(t.http)
      .post(REGISTRATIONS)
      .send({ ...registrationBody(), description: 'a\u0000b' })
      .expect(400);
    expect(body.body.detail).toBe('description: must not contain NUL characters');
    const discovery = await request(t.http).get(`${DISCOVERY}?model-name=a%00b`).expect(400);
    expect(discovery.body.detail).toBe('model-name: must not contain NUL characters');
    const path = await request(t.http).get(`${REGISTRATIONS}/a%00b`).expect(400);
    expect(path.body.detail).toBe('id: must not contain NUL characters');
  });

  it('discovery filters follow the registry name and version rules', async () => {
    const response = await request(t.http)
      .get(`${DISCOVERY}?model-name=${'x'.repeat(129)}`)
      .expect(400);
    expect(response.body.detail).toMatch(/^model-name: model-name must match/);
  });

  it('a known path with another method is 405 with Allow', async () => {
    const response = await request(t.http).patch(`${REGISTRATIONS}/some-id`).send({}).expect(405);
    expect(response.headers.allow).toBe('DELETE, GET, HEAD, PUT');
    expect(response.body).toEqual(
      problem(405, 'Method Not Allowed', 'PATCH is not allowed here', `${REGISTRATIONS}/some-id`),
    );
    const trace = await request(t.http).trace('/health/live').expect(405);
    expect(trace.headers.allow).toBe('GET, HEAD');
    // QUERY is a body method to Fastify: its body (or missing Content-Type) must not decide first.
    const { port } = t.http.address() as AddressInfo;
    const variants: Record<string, string>[] = [{}, { 'content-type': 'text/plain' }];
    for (const headers of variants) {
      const query = await send(`http://127.0.0.1:${port}`, 'QUERY', DISCOVERY, {
        headers,
        body: Buffer.from('x'),
      });
      expect(query.status).toBe(405);
      expect(query.headers.allow).toBe('GET, HEAD');
      expect(JSON.parse(query.body)).toEqual(
        problem(405, 'Method Not Allowed', 'QUERY is not allowed here', DISCOVERY),
      );
    }
  });

  it('an unknown route is a 404 problem', async () => {
    const response = await request(t.http).get('/no/such/route').expect(404);
    expect(response.body).toEqual(problem(404, 'Not Found', 'Cannot GET /no/such/route', '/no/such/route'));
  });

  it('none of a batch of hostile bodies yields a 500', async () => {
    const bodies: unknown[] = [
      {},
      { modelId: null },
      { modelId: { modelName: null, modelVersion: null } },
      { modelInformation: { metadata: 'x' } },
      {
        ...registrationBody(),
        modelInformation: { ...(registrationBody().modelInformation as object), metadata: [] },
      },
      { ...registrationBody(), modelLocation: 5 },
      `{"__proto__": {"polluted": true}, "modelId": {"modelName": "p", "modelVersion": "1"}}`,
      { ...registrationBody(), constructor: { prototype: { polluted: true } } },
      registrationBody({ targetEnvironment: [null] }),
      registrationBody({ targetEnvironment: [[KSERVE]] }),
      registrationBody({ modelName: '\u0000' }),
    ];
    for (const body of bodies) {
      const response = await request(t.http)
        .post(REGISTRATIONS)
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
