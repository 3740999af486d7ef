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

    it('reads, probes and metrics stay open', async () => {
      await request(t.http).get(DISCOVERY).expect(200);
      await request(t.http).get('/health/live').expect(200);
      await request(t.http).get('/metrics').expect(200);
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
  });
});
