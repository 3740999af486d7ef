import pg from 'pg';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, query, TestDatabase } from './support/test-database';
import {
  DISCOVERY,
  EDGE,
  expectedModel,
  KSERVE,
  REGISTRATIONS,
  registrationBody,
} from './support/model-fixtures';

/**
 * The whole registry's listing is kept between requests while nothing changes: whoever changes the
 * registrations or their environments (this replica, another one sharing the database, SQL from
 * outside), the next listing shows it.
 */
describe('listing cache', () => {
  let database: TestDatabase;
  let t: TestApp;
  let ids: { first: string; second: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await createTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  async function listing(app = t): Promise<unknown> {
    return (
      await request(app.http)
        .get(DISCOVERY)
        .expect(200)
        .expect('Content-Type', /^application\/json/)
    ).body;
  }

  async function register(modelName: string, targetEnvironment: unknown[]): Promise<string> {
    const response = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName, targetEnvironment }))
      .expect(201);
    return (response.body as { modelInfo: { id: string } }).modelInfo.id;
  }

  it('shows a registration made after the listing was kept', async () => {
    expect(await listing()).toEqual([]);
    ids = { first: await register('cache-a', [KSERVE]), second: '' };
    expect(await listing()).toEqual([
      expectedModel({ id: ids.first, modelName: 'cache-a', targetEnvironment: [KSERVE] }),
    ]);
    ids.second = await register('cache-b', []);
    expect(await listing()).toEqual([
      expectedModel({ id: ids.first, modelName: 'cache-a', targetEnvironment: [KSERVE] }),
      expectedModel({ id: ids.second, modelName: 'cache-b' }),
    ]);
    // Asked again unchanged: the same answer.
    expect(await listing()).toEqual(await listing());
  });

  it('shows updates and deletions through the API', async () => {
    await request(t.http)
      .put(`${REGISTRATIONS}/${ids.second}`)
      .send(registrationBody({ modelName: 'cache-b', description: 'retrained', targetEnvironment: [EDGE] }))
      .expect(200);
    expect(await listing()).toEqual([
      expectedModel({ id: ids.first, modelName: 'cache-a', targetEnvironment: [KSERVE] }),
      expectedModel({
        id: ids.second,
        modelName: 'cache-b',
        description: 'retrained',
        targetEnvironment: [EDGE],
      }),
    ]);
    await request(t.http).delete(`${REGISTRATIONS}/${ids.first}`).expect(204);
    expect(await listing()).toEqual([
      expectedModel({
        id: ids.second,
        modelName: 'cache-b',
        description: 'retrained',
        targetEnvironment: [EDGE],
      }),
    ]);
  });

  it('shows writes made outside the service, to either table', async () => {
    await listing();
    await query(database.url, `UPDATE model_related_informations SET description = 'by sql' WHERE id = $1`, [
      ids.second,
    ]);
    expect(await listing()).toEqual([
      expectedModel({
        id: ids.second,
        modelName: 'cache-b',
        description: 'by sql',
        targetEnvironment: [EDGE],
      }),
    ]);
    await query(
      database.url,
      `UPDATE target_environments SET dependency_list = 'tflite=2' WHERE model_related_information_id = $1`,
      [ids.second],
    );
    expect(await listing()).toEqual([
      expectedModel({
        id: ids.second,
        modelName: 'cache-b',
        description: 'by sql',
        targetEnvironment: [{ ...EDGE, dependencyList: 'tflite=2' }],
      }),
    ]);
    await query(database.url, `DELETE FROM target_environments WHERE model_related_information_id = $1`, [
      ids.second,
    ]);
    expect(await listing()).toEqual([
      expectedModel({ id: ids.second, modelName: 'cache-b', description: 'by sql' }),
    ]);
  });

  // The embedded store serves one process (its data directory is locked): replicas need PostgreSQL.
  it.skipIf(!process.env.DATABASE_URL)("shows another replica's writes", async () => {
    const other = await createTestApp({ database });
    try {
      expect(await listing()).toHaveLength(1);
      const response = await request(other.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'cache-c' }))
        .expect(201);
      const id = (response.body as { modelInfo: { id: string } }).modelInfo.id;
      expect(await listing()).toEqual([
        expectedModel({ id: ids.second, modelName: 'cache-b', description: 'by sql' }),
        expectedModel({ id, modelName: 'cache-c' }),
      ]);
    } finally {
      await other.stop();
    }
  });

  it('with LISTING_CACHE_BYTES=0 every listing is read anew, without a version statement', async () => {
    const uncached = await createTestApp({ database, env: { LISTING_CACHE_BYTES: '0' } });
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const first = await listing(uncached);
      const second = await listing(uncached);
      expect(second).toEqual(first);
      const names = spy.mock.calls.map(([config]) => (config as { name?: string }).name);
      expect(names).toEqual(['model-batch', 'model-batch']);
    } finally {
      spy.mockRestore();
      await uncached.stop();
    }
  });
});
