import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, expectedModel, REGISTRATIONS, registrationBody } from './support/model-fixtures';

const GENERATE = '/experiment/agent/generate-content';
const DEPTH_PROBLEM = 'The JSON body is nested deeper than 32 levels of objects and arrays';

interface RawAnswer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
}

/** `{"a":{"a":…1…}}` with `levels` objects (or `[[…1…]]` arrays). */
function nested(levels: number, kind: 'object' | 'array' = 'object'): string {
  return kind === 'object'
    ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
    : '['.repeat(levels) + '1' + ']'.repeat(levels);
}

/** Hostile nesting and text in bodies, queries and paths: 400 problem details, never a 500 or U+FFFD stored. */
describe('nesting depth and Unicode text of requests', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'text-target' }))
      .expect(201);
    id = created.body.modelInfo.id;
  });
  afterAll(async () => {
    await t.close();
  });

  function problem(detail: string, instance: string) {
    return { type: 'about:blank', title: 'Bad Request', status: 400, detail, instance };
  }

  /** Every JSON endpoint, with the raw bytes of a body. */
  const endpoints = () => [
    { method: 'post' as const, path: REGISTRATIONS },
    { method: 'put' as const, path: `${REGISTRATIONS}/${id}` },
    { method: 'post' as const, path: GENERATE },
  ];

  async function expectProblem(
    method: 'post' | 'put',
    path: string,
    body: string | Buffer,
    detail: string,
  ): Promise<void> {
    const response = await sendBytes(method, path, typeof body === 'string' ? Buffer.from(body) : body);
    expect({ path, status: response.status, body: JSON.parse(response.text) }).toEqual({
      path,
      status: 400,
      body: problem(detail, path),
    });
    expect(response.type).toBe('application/problem+json');
  }

  /** The bytes as they are (supertest would serialize a Buffer as JSON). */
  function sendBytes(method: 'post' | 'put', path: string, bytes: Buffer): Promise<RawAnswer> {
    const { port } = t.http.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const sent = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: method.toUpperCase(),
          path,
          headers: { 'content-type': 'application/json', 'content-length': bytes.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              type: (response.headers['content-type'] ?? '').split(';')[0],
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      sent.on('error', reject);
      sent.end(bytes);
    });
  }

  it('3,000 levels of objects or arrays are a 400 on every JSON endpoint', async () => {
    for (const { method, path } of endpoints()) {
      await expectProblem(method, path, nested(3000), DEPTH_PROBLEM);
      await expectProblem(method, path, nested(3000, 'array'), DEPTH_PROBLEM);
      await expectProblem(method, path, `{"text":${nested(3000, 'array')}}`, DEPTH_PROBLEM);
    }
  });

  it('the bound is 32 levels, counted from the body itself', async () => {
    await expectProblem('post', REGISTRATIONS, nested(33), DEPTH_PROBLEM);
    // 32 levels pass the bound and reach the registration's own rules.
    await expectProblem(
      'post',
      REGISTRATIONS,
      nested(32),
      'a: property a should not exist; modelId: modelId is required; description: description is required; modelInformation: modelInformation is required',
    );
    const deepMetadata = registrationBody();
    (deepMetadata.modelInformation as Record<string, unknown>).metadata = JSON.parse(nested(31));
    await expectProblem('post', REGISTRATIONS, JSON.stringify(deepMetadata), DEPTH_PROBLEM);
  });

  it('invalid UTF-8 bytes in a body are a 400 on every JSON endpoint, nothing stored', async () => {
    const template = JSON.stringify({ ...registrationBody({ modelName: 'bad-bytes' }), description: 'XX' });
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
      const [head, tail] = template.split('XX');
      const body = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
      for (const { method, path } of endpoints()) {
        await expectProblem(method, path, body, 'The request body is not valid UTF-8');
      }
    }
    await request(t.http).get(`${DISCOVERY}?model-name=bad-bytes`).expect(200, []);
  });

  it('lone surrogates written as JSON escapes are a 400 naming the field', async () => {
    const lone = 'must be valid Unicode text (no lone surrogates)';
    const description = JSON.stringify(registrationBody({ modelName: 'lone' })).replace(
      '"QoE prediction for cell traffic"',
      '"a\\ud800b"',
    );
    await expectProblem('post', REGISTRATIONS, description, `description: ${lone}`);
    await expectProblem('put', `${REGISTRATIONS}/${id}`, description, `description: ${lone}`);
    const environment = JSON.stringify(
      registrationBody({
        modelName: 'lone',
        targetEnvironment: [{ platformName: 'SURROGATE', environmentType: 'prod', dependencyList: 'x' }],
      }),
    ).replace('SURROGATE', '\\udc00');
    await expectProblem(
      'post',
      REGISTRATIONS,
      environment,
      `modelInformation.targetEnvironment.0.platformName: ${lone}`,
    );
    await expectProblem('post', GENERATE, '{"text":"list models \\udfff"}', `text: ${lone}`);
    await expectProblem(
      'post',
      REGISTRATIONS,
      '{"\\ud800":1}',
      'body: property names must be valid Unicode text without NUL characters',
    );
    await request(t.http).get(`${DISCOVERY}?model-name=lone`).expect(200, []);
  });

  it('surrogate pairs (characters beyond the BMP) are stored as sent', async () => {
    const body = JSON.stringify(registrationBody({ modelName: 'emoji' })).replace(
      '"QoE prediction for cell traffic"',
      '"QoE \\ud83d\\ude00 \u{1F680}"',
    );
    const created = await sendBytes('post', REGISTRATIONS, Buffer.from(body));
    expect(created.status).toBe(201);
    const createdId = (JSON.parse(created.text) as { modelInfo: { id: string } }).modelInfo.id;
    const stored = await request(t.http).get(`${REGISTRATIONS}/${createdId}`).expect(200);
    expect(stored.body).toEqual(
      expectedModel({ id: createdId, modelName: 'emoji', description: 'QoE \u{1F600} \u{1F680}' }),
    );
  });

  it('percent-encoded bytes that are not UTF-8 are a 400 in queries and paths', async () => {
    for (const bytes of ['%FF', '%ED%A0%80', '%C3']) {
      const query = await request(t.http).get(`${DISCOVERY}?model-name=${bytes}`).expect(400);
      expect(query.body).toEqual(problem('model-name: must be valid percent-encoded UTF-8', DISCOVERY));
      const later = await request(t.http).get(`${DISCOVERY}?model-name=a=${bytes}`).expect(400);
      expect(later.body).toEqual(problem('model-name: must be valid percent-encoded UTF-8', DISCOVERY));
      const name = await request(t.http).get(`${DISCOVERY}?${bytes}=x`).expect(400);
      expect(name.body).toEqual(
        problem(`Query parameter ${bytes}: must be valid percent-encoded UTF-8`, DISCOVERY),
      );
      const path = `${REGISTRATIONS}/${bytes}`;
      const segment = await request(t.http).get(path).set('X-Request-Id', 'bad-path-1').expect(400);
      expect(segment.body).toEqual(
        problem(`Path segment ${bytes}: must be valid percent-encoded UTF-8`, path),
      );
      // The router refuses these before any hook: the answer still says which request and is secured.
      expect(segment.headers).toMatchObject({
        'x-request-id': 'bad-path-1',
        'x-content-type-options': 'nosniff',
      });
    }
    // Well-formed escapes still reach the usual checks.
    const valid = await request(t.http).get(`${DISCOVERY}?model-name=%C3%A9`).expect(400);
    expect(valid.body.detail).toMatch(/^model-name: model-name must match/);
  });
});
