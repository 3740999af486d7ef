import request from 'supertest';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { EDGE, KSERVE, ONNX, REGISTRATIONS, registrationBody } from './support/model-fixtures';

describe('concurrent writes over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('16 racing identical registrations: exactly one 201 and fifteen 409s, one row', async () => {
    const body = registrationBody({ modelName: 'race', targetEnvironment: [KSERVE] });
    const responses = await Promise.all(
      Array.from({ length: 16 }, () => request(t.http).post(REGISTRATIONS).send(body)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(15).fill(409)]);
    const rows = await query(
      t.database.url,
      `SELECT id FROM model_related_informations WHERE model_name = 'race'`,
    );
    expect(rows).toHaveLength(1);
    const environments = await query(
      t.database.url,
      'SELECT 1 FROM target_environments WHERE model_related_information_id = $1',
      [rows[0].id],
    );
    expect(environments).toHaveLength(1);
  });

  it('12 racing PUTs with different lists leave exactly one whole list', async () => {
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'race-put', targetEnvironment: [KSERVE] }))
      .expect(201);
    const id = created.body.modelInfo.id as string;
    const lists = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, j) => ({
        ...[KSERVE, EDGE, ONNX][j % 3],
        dependencyList: `put-${i}-${j}`,
      })),
    );
    const responses = await Promise.all(
      lists.map((list) =>
        request(t.http)
          .put(`${REGISTRATIONS}/${id}`)
          .send(registrationBody({ modelName: 'race-put', targetEnvironment: list })),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array<number>(12).fill(200));

    const stored = await request(t.http).get(`${REGISTRATIONS}/${id}`).expect(200);
    const finalList = stored.body.modelInformation.targetEnvironment;
    expect(lists).toContainEqual(finalList);
    const rows = await query<{ dependency_list: string }>(
      t.database.url,
      'SELECT dependency_list FROM target_environments WHERE model_related_information_id = $1 ORDER BY position',
      [id],
    );
    expect(rows.map((row) => row.dependency_list)).toEqual(
      finalList.map((e: { dependencyList: string }) => e.dependencyList),
    );
  });
});
