import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, REGISTRATIONS, registrationBody } from './support/model-fixtures';

const UNAUTHORIZED = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'This operation needs Authorization: Bearer <API key>',
  instance: REGISTRATIONS,
};

interface SecuredOperation {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

/** `METHOD path` of every operation the document says needs the API key (and documents 401 for). */
async function securedOperations(t: TestApp): Promise<string[]> {
  const document = (await request(t.http).get('/api-docs-json').set('Authorization', 'Bearer k')).body;
  const secured: string[] = [];
  for (const [path, operations] of Object.entries<Record<string, SecuredOperation>>(document.paths))
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation.security) continue;
      expect(operation.security).toEqual([{ 'api-key': [] }]);
      expect(Object.keys(operation.responses)).toContain('401');
      secured.push(`${method.toUpperCase()} ${path}`);
    }
  return secured.sort();
}

const WRITES_AND_ASSISTANT = [
  'DELETE /ai-ml-model-registration/v1/model-registrations/{id}',
  'DELETE /experiment/agent/conversations/{id}',
  'GET /experiment/agent/conversations/{id}',
  'GET /experiment/agent/modelInfo',
  'POST /ai-ml-model-registration/v1/model-registrations',
  'POST /ai-ml-model-registration/v1/model-registrations/updateArtifact/{modelName}/{modelVersion}/{artifactVersion}',
  'POST /ai-ml-model-registration/v1/uploadModel/{modelName}/{modelVersion}',
  'POST /experiment/agent/generate-content',
  'PUT /ai-ml-model-registration/v1/model-registrations/{id}',
];

const READS = [
  'GET /ai-ml-model-discovery/v1/models',
  'GET /ai-ml-model-registration/v1/downloadModel/{modelName}/{modelVersion}/{artifactVersion}/model.zip',
  'GET /ai-ml-model-registration/v1/getModelInfo/{modelName}',
  'GET /ai-ml-model-registration/v1/model-registrations/{id}',
  'GET /ai-ml-model-registration/v1/model-registrations/{id}/artifacts',
];

describe('API keys', () => {
  describe('off by default (drop-in)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('the API document declares no key and no security scheme', async () => {
      expect(await securedOperations(t)).toEqual([]);
      const document = (await request(t.http).get('/api-docs-json')).body;
      expect(document.components.securitySchemes).toBeUndefined();
    });

    it('writes need no key', async () => {
      await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'open' }))
        .expect(201);
    });
  });

  describe('with API_KEYS set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { API_KEYS: 'first-key, second-key' } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('a write without a key is 401 problem details with WWW-Authenticate', async () => {
      const response = await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'k0' }))
        .expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="modelmgmtservice"');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual(UNAUTHORIZED);
    });

    it('a wrong key is 401; either configured key works', async () => {
      const wrong = await request(t.http)
        .post(REGISTRATIONS)
        .set('Authorization', 'Bearer nope')
        .send(registrationBody({ modelName: 'k1' }))
        .expect(401);
      expect(wrong.body.detail).toBe('The API key is not valid');
      await request(t.http)
        .post(REGISTRATIONS)
        .set('Authorization', 'Bearer second-key')
        .send(registrationBody({ modelName: 'k1' }))
        .expect(201);
      await request(t.http)
        .delete(`${REGISTRATIONS}/whatever`)
        .set('Authorization', 'bearer first-key')
        .expect(204);
      await request(t.http).delete(`${REGISTRATIONS}/whatever`).expect(401);
    });

    it('the API document asks for the key (an API key, not a JWT) exactly where the service does', async () => {
      expect(await securedOperations(t)).toEqual(WRITES_AND_ASSISTANT);
      const document = (await request(t.http).get('/api-docs-json')).body;
      expect(document.components.securitySchemes).toEqual({
        'api-key': {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'API key',
          description: 'One of the keys in API_KEYS, sent as Authorization: Bearer <key>',
        },
      });
    });

    it('reads, probes, metrics and the API documents stay open', async () => {
      await request(t.http).get(DISCOVERY).expect(200);
      await request(t.http).get('/health/live').expect(200);
      await request(t.http).get('/metrics').expect(200);
      for (const path of API_DOCS_PATHS) await request(t.http).get(path).expect(200);
    });
  });

  describe('with API_KEYS_PROTECT_READS=true', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { API_KEYS: 'k', API_KEYS_PROTECT_READS: 'true' } });
    });
    afterAll(async () => {
      await t.close();
    });

    it('the API document asks for the key on reads too, not on probes and metrics', async () => {
      expect(await securedOperations(t)).toEqual([...WRITES_AND_ASSISTANT, ...READS].sort());
    });

    it('reads need the key too; probes do not', async () => {
      await request(t.http).get(DISCOVERY).expect(401);
      await request(t.http).get(DISCOVERY).set('Authorization', 'Bearer k').expect(200);
      await request(t.http).get('/metrics').expect(200);
      await request(t.http).get('/health/live').expect(200);
      await request(t.http).get('/health/ready').expect(200);
    });

    it('the API documents and Swagger UI need the key too: 401 problem details, each path', async () => {
      for (const path of API_DOCS_PATHS) {
        const response = await request(t.http).get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 401 });
        expect(response.headers['www-authenticate']).toBe('Bearer realm="modelmgmtservice"');
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(response.text)).toEqual({ ...UNAUTHORIZED, instance: path.split('?')[0] });
        await request(t.http).get(path).set('Authorization', 'Bearer wrong').expect(401);
        await request(t.http).get(path).set('Authorization', 'Bearer k').expect(200);
      }
      await request(t.http).head('/api-docs-json').expect(401);
    });

    it('no spelling of a document path reads it without the key', async () => {
      for (const path of [
        '/API-DOCS-JSON',
        '/Api-Docs-Yaml',
        '/api-docs-json/',
        '/api%2Ddocs-json',
        '/API-DOCS/swagger-ui-init.js',
      ]) {
        const response = await request(t.http).get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 401 });
        expect(response.text).not.toContain('openapi');
      }
    });
  });
});

/** What SwaggerModule serves: the UI page, its assets, the init script (which embeds the document) and the documents. */
const API_DOCS_PATHS = [
  '/api-docs',
  '/api-docs/',
  '/api-docs/index.html',
  '/api-docs/swagger-ui-init.js',
  '/api-docs/swagger-ui-bundle.js',
  '/api-docs/swagger-ui.css',
  '/api-docs-json',
  '/api-docs-json?x=1',
  '/api-docs-yaml',
];
