import pg from 'pg';
import request from 'supertest';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, REGISTRATIONS } from './support/model-fixtures';

/** Reads load target environments with the registrations: a constant number of statements, whatever N. */
describe('SQL statements per read', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  async function seed(prefix: string, count: number): Promise<void> {
    await query(
      t.database.url,
      `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author, owner,
         input_data_type, output_data_type, model_location)
       SELECT gen_random_uuid()::text, $1 || '-' || n, '1', '0.0.0', 'd', 'a', '', 'i', 'o', ''
       FROM generate_series(1, $2::int) AS n`,
      [prefix, count],
    );
    await query(
      t.database.url,
      `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type, dependency_list, position)
       SELECT gen_random_uuid()::text, m.id, 'p' || k, 'e', 'd', k
       FROM model_related_informations m, generate_series(0, 2) AS k WHERE m.model_name LIKE $1 || '-%'`,
      [prefix],
    );
  }

  async function countStatements(run: () => Promise<unknown>): Promise<number> {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('list all costs the same for 1 and for 200 registrations (with 3 environments each)', async () => {
    await seed('one', 1);
    const forOne = await countStatements(() => request(t.http).get(DISCOVERY).expect(200));
    await seed('many', 199);
    let body: unknown[] = [];
    const forMany = await countStatements(async () => {
      body = (await request(t.http).get(DISCOVERY).expect(200)).body as unknown[];
    });
    expect(body).toHaveLength(200);
    expect(forOne).toBeGreaterThan(0);
    expect(forMany).toBe(forOne);
  });

  it('by name, by name+version and by id are single-digit and equal for any model', async () => {
    const byName = await countStatements(() =>
      request(t.http).get(`${DISCOVERY}?model-name=many-7`).expect(200),
    );
    const byBoth = await countStatements(() =>
      request(t.http).get(`${DISCOVERY}?model-name=many-7&model-version=1`).expect(200),
    );
    const [row] = await query<{ id: string }>(
      t.database.url,
      `SELECT id FROM model_related_informations LIMIT 1`,
    );
    const byId = await countStatements(() => request(t.http).get(`${REGISTRATIONS}/${row.id}`).expect(200));
    expect([byName, byBoth, byId]).toEqual([1, 1, 1]);
  });

  it('a page costs the same for 10 and for 150 registrations', async () => {
    const small = await countStatements(() => request(t.http).get(`${DISCOVERY}?page-size=10`).expect(200));
    const large = await countStatements(() => request(t.http).get(`${DISCOVERY}?page-size=150`).expect(200));
    expect([small, large]).toEqual([2, 2]);
  });
});
