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

describe('API keys', () => {
  describe('off by default (drop-in)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.close();
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
