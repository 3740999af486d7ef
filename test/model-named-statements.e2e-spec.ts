import pg from 'pg';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { query } from './support/test-database';
import { DISCOVERY, expectedModel, KSERVE, REGISTRATIONS, registrationBody } from './support/model-fixtures';

/** The hot statements are prepared once per connection, not parsed and planned on every request. */
describe('named statements', () => {
  let t: TestApp;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  /** The name of every statement the requests sent (undefined for an unnamed one). */
  async function statementNames(run: () => Promise<unknown>): Promise<Array<string | undefined>> {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await run();
      return spy.mock.calls.map(([config]) => (config as { name?: string }).name);
    } finally {
      spy.mockRestore();
    }
  }

  it('registration, read by id, discovery by name+version, by name and list all (read, then kept)', async () => {
    const names = await statementNames(async () => {
      const created = await request(t.http)
        .post(REGISTRATIONS)
        .send(registrationBody({ modelName: 'named', targetEnvironment: [KSERVE] }))
        .expect(201);
      id = (created.body as { modelInfo: { id: string } }).modelInfo.id;
      await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
      await request(t.http).get(`${DISCOVERY}?model-name=named&model-version=1`).expect(200);
      await request(t.http).get(`${DISCOVERY}?model-name=named`).expect(200);
      await request(t.http).get(DISCOVERY).expect(200);
      await request(t.http).get(DISCOVERY).expect(200);
    });
    expect(names).toEqual([
      'model-insert',
      'model-by-id',
      'model-by-key',
      'model-batch:name',
      'registry-version',
      'model-batch',
      'registry-version',
    ]);
  });

  it('a column type changed under the running service (another instance migrating): reads still answer, a write fails once per connection', async () => {
    const expected = expectedModel({ id, modelName: 'named', targetEnvironment: [KSERVE] });
    // Every connection of the pool prepares the read.
    await Promise.all(
      Array.from({ length: 12 }, () => request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200)),
    );
    // A PUT prepares its locking read (in a transaction) on the connection sequential requests share.
    const update = registrationBody({ modelName: 'named', targetEnvironment: [KSERVE] });
    await request(t.http).put(`${REGISTRATIONS}/${id}`).send(update).expect(200);
    await query(
      t.database.url,
      'ALTER TABLE model_related_informations ALTER COLUMN description TYPE varchar',
    );
    try {
      // In a transaction the statement cannot be retried: that one request fails, the next ones do not.
      // (First: a read's fallback drops its connection, which would take the stale PUT's with it.)
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await request(t.http).put(`${REGISTRATIONS}/${id}`).send(update)).status);
      }
      expect(statuses.slice(1)).toEqual([200, 200, 200, 200, 200]);
      for (let i = 0; i < 12; i++) {
        const response = await request(t.http).get(`${REGISTRATIONS}/${id}`);
        expect([response.status, response.body]).toEqual([200, expected]);
      }
    } finally {
      await query(
        t.database.url,
        'ALTER TABLE model_related_informations ALTER COLUMN description TYPE text',
      );
    }
  });
});
