import request from 'supertest';
import { AddListingBytes1795329600000 } from '../src/database/migrations/1795329600000-AddListingBytes';
import { createTestApp, TestApp } from './support/test-app';
import { query } from './support/test-database';
import { DISCOVERY, EDGE, KSERVE, ONNX, REGISTRATIONS, registrationBody } from './support/model-fixtures';

/**
 * A registration's listing weight (`listing_bytes`, what a listing batch counts for it) is kept by
 * every write and equals what the rows say: a stale weight would let a batch of large
 * registrations grow past its bound.
 */
describe('listing weight', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** [stored, computed from the rows] for registration `id`. */
  async function weights(id: string): Promise<[number | null, number]> {
    const [row] = await query<{ stored: number | null; computed: number }>(
      t.database.url,
      `SELECT m.listing_bytes AS stored,
              (SELECT least(coalesce(sum(octet_length(e.platform_name) + octet_length(e.environment_type)
                        + octet_length(e.dependency_list)), 0)
                      + (octet_length(m.description) + octet_length(m.author) + octet_length(m.owner)
                        + octet_length(m.custom_metadata::text) + octet_length(m.input_data_type)
                        + octet_length(m.output_data_type) + octet_length(m.model_location))::bigint
                        * greatest(count(*), 1), 2147483647)
                 FROM target_environments e WHERE e.model_related_information_id = m.id)::int AS computed
         FROM model_related_informations m WHERE m.id = $1`,
      [id],
    );
    return [row.stored, row.computed];
  }

  async function register(body: Record<string, unknown>): Promise<string> {
    const response = await request(t.http).post(REGISTRATIONS).send(body).expect(201);
    return (response.body as { modelInfo: { id: string } }).modelInfo.id;
  }

  it('is stored on registration, with and without environments, custom metadata and non-ASCII text', async () => {
    const plain = await register(registrationBody({ modelName: 'w-none' }));
    const body = registrationBody({
      modelName: 'w-three',
      description: 'Débit prévu — 予測',
      targetEnvironment: [KSERVE, EDGE, { ...ONNX, dependencyList: 'ünï' }],
    });
    const information = body.modelInformation as { metadata: Record<string, string> };
    information.metadata = { ...information.metadata, team: 'ran-ops', site: 'Zürich' };
    const three = await register(body);
    const [storedPlain, computedPlain] = await weights(plain);
    const [storedThree, computedThree] = await weights(three);
    expect([storedPlain, storedThree]).toEqual([computedPlain, computedThree]);
    expect(storedThree).toBeGreaterThan(3 * storedPlain!);
  });

  it('follows an update: environments replaced, kept, cleared', async () => {
    const id = await register(registrationBody({ modelName: 'w-upd', targetEnvironment: [KSERVE] }));
    const updates = [
      registrationBody({
        modelName: 'w-upd',
        description: 'longer text '.repeat(20),
        targetEnvironment: [KSERVE, EDGE, ONNX],
      }),
      registrationBody({ modelName: 'w-upd', description: 'kept list' }),
      registrationBody({ modelName: 'w-upd', description: 'cleared', targetEnvironment: [] }),
    ];
    const seen: Array<[number | null, number]> = [];
    for (const update of updates) {
      await request(t.http).put(`${REGISTRATIONS}/${id}`).send(update).expect(200);
      seen.push(await weights(id));
    }
    expect(seen.map(([stored]) => stored)).toEqual(seen.map(([, computed]) => computed));
    expect(new Set(seen.map(([stored]) => stored)).size).toBe(3);
  });

  /** A Go-era registration: written by SQL, without a weight; `text` bytes of description, `environments` of them. */
  async function insertLikeGo(name: string, text: number, environments: number): Promise<string> {
    const [row] = await query<{ id: string }>(
      t.database.url,
      `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author,
         owner, input_data_type, output_data_type, model_location)
       VALUES (gen_random_uuid()::text, $1, '1', '', repeat('d', $2), 'a', '', 'i', 'o', '') RETURNING id`,
      [name, text],
    );
    await query(
      t.database.url,
      `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
         dependency_list, position)
       SELECT gen_random_uuid()::text, $1, 'p', 'e', 'd', k FROM generate_series(0, $2::int - 1) AS k`,
      [row.id, environments],
    );
    return row.id;
  }

  // The embedded store has one session for all its connections: there is no other client to tell apart
  // (and the Go service cannot reach it: it is served on a private Unix socket).
  it.skipIf(!process.env.DATABASE_URL)(
    'a write by another client (the Go service, our previous version, SQL) clears the weight; our next write weighs again',
    async () => {
      const id = await register(registrationBody({ modelName: 'w-other', targetEnvironment: [KSERVE] }));
      const other = await register(
        registrationBody({ modelName: 'w-other-env', targetEnvironment: [KSERVE] }),
      );
      // Our previous version, still serving during a rolling upgrade, connects under our name.
      const previousVersion = new URL(t.database.url);
      previousVersion.searchParams.set('application_name', 'modelmgmtservice');
      await query(
        previousVersion.toString(),
        `UPDATE model_related_informations SET description = 'longer, by Go' WHERE id = $1`,
        [id],
      );
      await query(
        t.database.url,
        `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
         dependency_list, position) VALUES (gen_random_uuid()::text, $1, 'p', 'e', 'd', 1)`,
        [other],
      );
      expect([(await weights(id))[0], (await weights(other))[0]]).toEqual([null, null]);
      await request(t.http)
        .put(`${REGISTRATIONS}/${id}`)
        .send(registrationBody({ modelName: 'w-other', description: 'ours again' }))
        .expect(200);
      const [stored, computed] = await weights(id);
      expect(stored).toBe(computed);
    },
  );

  it('the migration weighs the rows already there, a weight past the integer range saturating', async () => {
    const id = await register(
      registrationBody({ modelName: 'w-migrated', targetEnvironment: [KSERVE, EDGE] }),
    );
    const migration = new AddListingBytes1795329600000();
    const runner = t.dataSource.createQueryRunner();
    let huge: string;
    try {
      await migration.down(runner);
      // 3 MB of text, 800 environments: 2.4 GB counted, past an integer.
      huge = await insertLikeGo('w-huge', 3_000_000, 800);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect([await weights(id), await weights(huge)]).toEqual([
      [(await weights(id))[1], (await weights(id))[1]],
      [2147483647, 2147483647],
    ]);
  });

  it('a registration of any weight is listed (the weight is bounded, not overflowing)', async () => {
    const id = await insertLikeGo('w-huge-listed', 3_000_000, 800);
    const listed = await request(t.http).get(`${DISCOVERY}?model-name=w-huge-listed`).expect(200);
    const [model] = listed.body as Array<{ id: string; modelInformation: { targetEnvironment: unknown[] } }>;
    expect([model.id, model.modelInformation.targetEnvironment.length]).toEqual([id, 800]);
    expect(await weights(id)).toEqual([null, 2147483647]);
  });
});
