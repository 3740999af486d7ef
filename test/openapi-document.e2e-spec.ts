import { STATUS_CODES } from 'node:http';
import request from 'supertest';
import {
  EXAMPLE_CONVERSATION_ID,
  EXAMPLE_ID,
  EXAMPLE_MISSING_VERSION,
  EXAMPLE_MODEL,
} from '../src/common/openapi-examples';
import { childServiceFixture, startChildService } from './support/child-service';
import { DOWNLOAD } from './support/artifact-fixtures';
import { DISCOVERY, REGISTRATIONS } from './support/model-fixtures';
import { createTestApp, TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  example?: unknown;
  description?: string;
  readOnly?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
}
interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Parameter {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  schema?: Schema;
}
interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}
interface Document {
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const GENERATE = '/experiment/agent/generate-content';

function operations(document: Document): Array<[string, string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, string, Operation] => [method, path, operation]),
  );
}

/** The one example body Swagger UI's "Try it out" starts from. */
function bodyExample(document: Document, method: string, path: string): Record<string, unknown> {
  const examples = document.paths[path][method].requestBody?.content['application/json'].examples ?? {};
  expect(Object.keys(examples)).toHaveLength(1);
  return Object.values(examples)[0].value as Record<string, unknown>;
}

function problemExample(document: Document, method: string, path: string, status: number): unknown {
  return document.paths[path][method].responses[status].content?.['application/problem+json'].example;
}

describe('the OpenAPI document, as a person uses it in Swagger UI', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await createTestApp({ env: { TM_URL: '' } });
    document = (await request(t.http).get('/api-docs-json').expect(200)).body as Document;
  });
  afterAll(async () => {
    await t.close();
  });

  it('"Try it out" as given: POST registers (201, then the 409 of its example), PUT updates it (200)', async () => {
    const registration = bodyExample(document, 'post', REGISTRATIONS);
    expect(registration).not.toHaveProperty('id');
    expect(registration.modelId).toEqual(EXAMPLE_MODEL);
    const created = await request(t.http).post(REGISTRATIONS).send(registration).expect(201);
    const { id } = created.body.modelInfo as { id: string };
    expect(created.body.modelInfo).toMatchObject({
      ...registration,
      modelId: { ...EXAMPLE_MODEL, artifactVersion: '0.0.0' },
    });

    const again = await request(t.http).post(REGISTRATIONS).send(registration).expect(409);
    expect(again.body).toEqual(problemExample(document, 'post', REGISTRATIONS, 409));

    const update = bodyExample(document, 'put', `${REGISTRATIONS}/{id}`);
    expect(update).not.toHaveProperty('id');
    expect(update.modelId).toEqual(EXAMPLE_MODEL);
    const updated = await request(t.http).put(`${REGISTRATIONS}/${id}`).send(update).expect(200);
    expect(updated.body.modelinfo).toMatchObject({
      ...update,
      id,
      modelId: { ...EXAMPLE_MODEL, artifactVersion: '0.0.0' },
    });
  });

  it('"Try it out" as given: the assistant answers its example (200) and registers what it says', async () => {
    const prompt = bodyExample(document, 'post', GENERATE);
    expect(Object.keys(prompt)).toEqual(['text']);
    const answer = await request(t.http).post(GENERATE).send(prompt).expect(200);
    expect(answer.body).toMatchObject({ action: 'completed', status: 'ok', request: prompt });
    expect(answer.body.response.steps).toMatchObject([{ tool: 'register_model', ok: true }]);
    await request(t.http)
      .get(DISCOVERY)
      .query({ 'model-name': EXAMPLE_MODEL.modelName, 'model-version': '2' })
      .expect(200);
  });

  it('leaves Swagger UI nothing to invent: every text field of a request body has an example or a format', () => {
    const { schemas } = document.components;
    // Left out of the body examples on purpose: an example value would make the request fail.
    const withoutExample = new Set(['ModelIdDto.artifactVersion', 'GenerateContentDto.conversationId']);
    const invented = new Set<string>();
    let seen = new Set<string>();
    const visit = (schema: Schema, where: string) => {
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop() as string;
        if (seen.has(name)) return;
        seen.add(name);
        return visit(schemas[name], name);
      }
      for (const part of schema.allOf ?? []) visit(part, where);
      // Swagger UI leaves readOnly properties out of the request bodies it makes.
      if (schema.readOnly) return;
      if (schema.type === 'string' && schema.example === undefined && !schema.enum && !schema.format) {
        if (!withoutExample.has(where)) invented.add(where);
      }
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        visit(property, `${where}.${key}`);
      if (typeof schema.additionalProperties === 'object' && schema.example === undefined)
        invented.add(`${where}.*`);
      if (schema.items) visit(schema.items, `${where}[]`);
    };
    for (const [method, path, operation] of operations(document)) {
      const media = operation.requestBody?.content['application/json'];
      if (!media?.schema) continue;
      seen = new Set();
      visit(media.schema, `${method} ${path}`);
      for (const field of withoutExample) {
        const [schema, key] = field.split('.');
        if (seen.has(schema))
          expect(JSON.stringify(bodyExample(document, method, path))).not.toContain(`"${key}"`);
      }
    }
    expect([...invented]).toEqual([]);
    // Path parameters are prefilled from their examples; an `{id}` has none, so it is asked for.
    for (const [, path, operation] of operations(document))
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path') continue;
        const example = parameter.example ?? parameter.schema?.example;
        expect({ path, name: parameter.name, example }).toEqual({
          path,
          name: parameter.name,
          example: parameter.name === 'id' ? undefined : expect.any(String),
        });
      }
  });

  it('gives every error response one example of its own status, in the shape the service answers', () => {
    const wrong: string[] = [];
    let problems = 0;
    for (const [method, path, operation] of operations(document)) {
      const template = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
      for (const [code, response] of Object.entries(operation.responses)) {
        const status = Number(code);
        if (status < 400) continue;
        const where = `${method.toUpperCase()} ${path} ${code}`;
        const media = Object.entries(response.content ?? {});
        if (media.length !== 1 || media[0][1].examples) wrong.push(`${where}: not one example`);
        if (status === 502) continue;
        const [type, { example }] = media[0];
        const problem = example as Record<string, unknown>;
        problems += 1;
        const expected = {
          type: 'about:blank',
          title: STATUS_CODES[status],
          status,
          detail: expect.any(String),
          instance: expect.stringMatching(template),
          ...(status === 500 ? { correlationId: expect.any(String) } : {}),
        };
        if (type !== 'application/problem+json') wrong.push(`${where}: ${type}`);
        try {
          expect(problem).toEqual(expected);
          expect(Object.keys(problem)).toEqual(Object.keys(expected));
        } catch {
          wrong.push(`${where}: ${JSON.stringify(problem)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(problems).toBeGreaterThan(40);
  });

  it("gives the assistant's 502 the failure envelope, with the fields the schema names", () => {
    const responses = document.paths[GENERATE].post.responses;
    const failure = responses['502'].content?.['application/json'];
    expect(failure?.schema).toEqual({ $ref: '#/components/schemas/AgentResponseDto' });
    expect(failure?.example).toEqual({
      action: 'failed',
      request: { text: bodyExample(document, 'post', GENERATE).text },
      response: { result: null, steps: [] },
      status: 'error',
      error_message: 'The LLM provider did not answer within 30000 ms',
      conversationId: EXAMPLE_CONVERSATION_ID,
    });
    const envelope = document.components.schemas.AgentResponseDto;
    expect(Object.keys(failure?.example as object)).toEqual(Object.keys(envelope.properties ?? {}));
  });

  it('reproduces its problem examples: the service answers each exactly', async () => {
    const registration = bodyExample(document, 'post', REGISTRATIONS);
    const modelInformation = registration.modelInformation as Record<string, Record<string, unknown>>;
    const withoutAuthor = Object.fromEntries(
      Object.entries(modelInformation.metadata).filter(([key]) => key !== 'author'),
    );
    const cases: Array<[string, string, number, () => request.Test]> = [
      [
        'post',
        REGISTRATIONS,
        400,
        () =>
          request(t.http)
            .post(REGISTRATIONS)
            .send({ ...registration, modelInformation: { ...modelInformation, metadata: withoutAuthor } }),
      ],
      ['get', `${REGISTRATIONS}/{id}`, 404, () => request(t.http).get(`${REGISTRATIONS}/${EXAMPLE_ID}`)],
      [
        'put',
        `${REGISTRATIONS}/{id}`,
        404,
        () => request(t.http).put(`${REGISTRATIONS}/${EXAMPLE_ID}`).send(registration),
      ],
      [
        'get',
        `${REGISTRATIONS}/{id}/artifacts`,
        404,
        () => request(t.http).get(`${REGISTRATIONS}/${EXAMPLE_ID}/artifacts`),
      ],
      ['get', DISCOVERY, 400, () => request(t.http).get(DISCOVERY).query({ 'page-token': 'x' })],
      [
        'get',
        DISCOVERY,
        404,
        () =>
          request(t.http)
            .get(DISCOVERY)
            .query({ 'model-name': EXAMPLE_MODEL.modelName, 'model-version': EXAMPLE_MISSING_VERSION }),
      ],
      [
        'get',
        DOWNLOAD('{modelName}', '{modelVersion}', '{artifactVersion}'),
        400,
        () => request(t.http).get(DOWNLOAD(EXAMPLE_MODEL.modelName, EXAMPLE_MODEL.modelVersion, '1.0')),
      ],
      [
        'get',
        DOWNLOAD('{modelName}', '{modelVersion}', '{artifactVersion}'),
        404,
        () => request(t.http).get(DOWNLOAD(EXAMPLE_MODEL.modelName, EXAMPLE_MODEL.modelVersion, '1.1.0')),
      ],
      ['post', GENERATE, 400, () => request(t.http).post(GENERATE).send({})],
      [
        'post',
        GENERATE,
        404,
        () =>
          request(t.http)
            .post(GENERATE)
            .send({ text: 'list models', conversationId: EXAMPLE_CONVERSATION_ID }),
      ],
      [
        'get',
        '/experiment/agent/conversations/{id}',
        404,
        () => request(t.http).get(`/experiment/agent/conversations/${EXAMPLE_ID}`),
      ],
    ];
    for (const [method, path, status, send] of cases) {
      const answer = await send();
      expect({ method, path, status: answer.status, body: answer.body }).toEqual({
        method,
        path,
        status,
        body: problemExample(document, method, path, status),
      });
    }
  });

  it('describes every operation, every success response and every schema property', () => {
    const undescribed: string[] = [];
    for (const [method, path, operation] of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) undescribed.push(`${where} (summary)`);
      for (const [code, response] of Object.entries(operation.responses))
        if (Number(code) < 400 && !response.description) undescribed.push(`${where} ${code}`);
      for (const parameter of operation.parameters ?? [])
        if (!parameter.description) undescribed.push(`${where} ${parameter.in} ${parameter.name}`);
    }
    for (const [name, schema] of Object.entries(document.components.schemas))
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        if (!property.description) undescribed.push(`${name}.${key}`);
    expect(undescribed).toEqual([]);
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(25);
  });

  it('lists the API tags first, each described, and operations (probes, metrics) last', () => {
    expect(document.tags.map((tag) => tag.name)).toEqual([
      'model registration',
      'model discovery',
      'model archives',
      'assistant',
      'deprecated',
      'operations',
    ]);
    for (const tag of document.tags) expect(tag.description).toEqual(expect.any(String));
    const byTag = new Map<string, string[]>();
    for (const [method, path, operation] of operations(document)) {
      expect(operation.tags).toHaveLength(1);
      const [tag] = operation.tags ?? [];
      byTag.set(tag, [...(byTag.get(tag) ?? []), `${method.toUpperCase()} ${path}`]);
    }
    expect([...byTag.keys()].sort()).toEqual(document.tags.map((tag) => tag.name).sort());
    expect(byTag.get('operations')?.sort()).toEqual([
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
    ]);
    expect(document.paths['/metrics'].get.responses['200'].content).toEqual({
      'text/plain': { schema: { type: 'string' } },
    });
  });
});

describe('the OpenAPI document of the build (node dist/main.js)', () => {
  const fixture = childServiceFixture('mms-openapi-');

  // The build has no compiler plugin adding to the document: it serves what the sources say.
  // A difference here after a change to the sources means dist/ is stale: npx nest build.
  it('is the document the tests walk', async () => {
    fixture.service = await startChildService({
      DATABASE_URL: fixture.database.url,
      DATA_DIR: fixture.dataDir,
      TM_URL: '',
    });
    const built = await (await fetch(`${fixture.service.base}/api-docs-json`)).json();
    const t = await createTestApp({ env: { TM_URL: '' } });
    try {
      const tested = (await request(t.http).get('/api-docs-json').expect(200)).body;
      expect(built).toEqual(tested);
    } finally {
      await t.close();
    }
  });
});
