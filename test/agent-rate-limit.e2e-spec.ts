import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

const GENERATE = '/experiment/agent/generate-content';

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
      await request(t.http).post(GENERATE).send({ text: 'list models' }).expect(200);
    }
    const limited = await request(t.http).post(GENERATE).send({ text: 'list models' }).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The exact body: no framework class name in the detail.
    expect(limited.body).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: `Too many assistant requests from this client (at most 3 a minute); retry after ${retryAfter} s`,
      instance: GENERATE,
    });
    await request(t.http).get('/experiment/agent/modelInfo').expect(200);
    await request(t.http).get('/ai-ml-model-discovery/v1/models').expect(200);
  });

  it('exposes the rate-limit headers to browsers', async () => {
    const response = await request(t.http)
      .get('/experiment/agent/modelInfo')
      .set('Origin', 'http://dashboard.example')
      .expect(200);
    expect(response.headers['access-control-expose-headers']?.split(',')).toEqual(
      expect.arrayContaining([
        'Retry-After',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ]),
    );
  });
});

/** Two browsers behind one ingress: the same peer address, different X-Forwarded-For. */
async function budgetsOfTwoClients(t: TestApp): Promise<[number[], number[]]> {
  const send = (client: string) =>
    request(t.http).post(GENERATE).set('X-Forwarded-For', client).send({ text: 'list models' });
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < 3; i += 1) first.push((await send('203.0.113.7')).status);
  for (let i = 0; i < 3; i += 1) second.push((await send('198.51.100.9')).status);
  return [first, second];
}

describe('assistant rate limit behind a proxy', () => {
  it('keys on the peer address when TRUST_PROXY is unset (X-Forwarded-For is not believed)', async () => {
    const t = await createTestApp({ env: { AGENT_RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      expect(await budgetsOfTwoClients(t)).toEqual([
        [200, 200, 429],
        [429, 429, 429],
      ]);
    } finally {
      await t.close();
    }
  });

  it('keys on the client address from X-Forwarded-For when TRUST_PROXY trusts the proxy', async () => {
    for (const trustProxy of ['1', 'loopback']) {
      const t = await createTestApp({ env: { AGENT_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: trustProxy } });
      try {
        expect(await budgetsOfTwoClients(t)).toEqual([
          [200, 200, 429],
          [200, 200, 429],
        ]);
      } finally {
        await t.close();
      }
    }
  });

  it('does not trust a proxy that is not the peer', async () => {
    const t = await createTestApp({ env: { AGENT_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '10.1.0.0/16' } });
    try {
      expect(await budgetsOfTwoClients(t)).toEqual([
        [200, 200, 429],
        [429, 429, 429],
      ]);
    } finally {
      await t.close();
    }
  });
});
