import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('assistant rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AGENT_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 problem details with Retry-After past the per-client budget; other endpoints are unaffected', async () => {
    for (let i = 0; i < 3; i += 1) {
      await request(t.http)
        .post('/experiment/agent/generate-content')
        .send({ text: 'list models' })
        .expect(200);
    }
    const limited = await request(t.http)
      .post('/experiment/agent/generate-content')
      .send({ text: 'list models' })
      .expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      instance: '/experiment/agent/generate-content',
    });
    await request(t.http).get('/experiment/agent/modelInfo').expect(200);
    await request(t.http).get('/ai-ml-model-discovery/v1/models').expect(200);
  });
});
