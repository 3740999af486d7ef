import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, query, TestDatabase } from './support/test-database';
import { TcpProxy } from './support/tcp-proxy';
import { DISCOVERY, REGISTRATIONS, registrationBody } from './support/model-fixtures';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** The database goes away mid-traffic and comes back: 503s fast, nothing false acknowledged, recovery alone. */
describe('database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    const port = Number(target.port || 5432);
    // The embedded store is a Unix socket in the directory `host=` names.
    const socketDir = target.searchParams.get('host');
    proxy = await TcpProxy.start(
      socketDir ? { path: join(socketDir, `.s.PGSQL.${port}`) } : { host: target.hostname, port },
    );
    const proxied = new URL(database.url);
    proxied.searchParams.delete('host');
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    t = await createTestApp({
      database: { url: proxied.toString(), poolSize: database.poolSize, drop: () => Promise.resolve() },
    });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
    await database.drop();
  });

  it('readiness 503 within 5 s, requests 503 fast, recovery within 10 s without restart', async () => {
    await request(t.http).get('/health/ready').expect(200);
    const acknowledged: string[] = [];
    let stop = false;
    let counter = 0;
    const statuses: number[] = [];
    // Background writers keep traffic flowing through the outage.
    const traffic = (async () => {
      while (!stop) {
        const name = `outage-${counter++}`;
        const response = await request(t.http)
          .post(REGISTRATIONS)
          .send(registrationBody({ modelName: name }));
        statuses.push(response.status);
        if (response.status === 201) acknowledged.push(name);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));

    await proxy.sever();
    const notReadyAfter = await waitFor(
      async () => (await request(t.http).get('/health/ready')).status === 503,
      5_000,
    );
    const ready = await request(t.http).get('/health/ready').expect(503);
    expect(ready.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'Not ready: database down',
      instance: '/health/ready',
    });
    await request(t.http).get('/health/live').expect(200);

    const started = Date.now();
    const read = await request(t.http).get(DISCOVERY);
    const write = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'during-outage' }));
    const elapsed = Date.now() - started;
    expect([read.status, write.status]).toEqual([503, 503]);
    expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(read.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database is unavailable; retry later',
      instance: DISCOVERY,
    });
    expect(elapsed).toBeLessThan(10_000);

    await proxy.restore();
    const recoveredAfter = await waitFor(
      async () => (await request(t.http).get('/health/ready')).status === 200,
      10_000,
    );
    stop = true;
    await traffic;
    await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'after-outage' }))
      .expect(201);

    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    const stored = await query<{ model_name: string }>(
      database.url,
      'SELECT model_name FROM model_related_informations',
    );
    const storedNames = new Set(stored.map((row) => row.model_name));
    for (const name of acknowledged) expect(storedNames.has(name)).toBe(true);
    expect(storedNames.has('during-outage')).toBe(false);
    console.info(
      `outage: not ready after ${notReadyAfter} ms, recovered after ${recoveredAfter} ms, ${statuses.length} writes`,
    );
  });
});
