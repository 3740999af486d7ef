import request from 'supertest';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY } from './support/model-fixtures';

/** Opt-in keyset pagination: plain array bodies, the next page in an RFC 8288 Link header. */
describe('discovery pagination', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    // 25 registrations (name p-00 … p-12, versions 1 and 2, minus one), three environments each.
    await query(
      t.database.url,
      `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description, author,
         owner, input_data_type, output_data_type, model_location)
       SELECT gen_random_uuid()::text, 'p-' || lpad(n::text, 2, '0'), v::text, '0.0.0', 'd', 'a', '', 'i', 'o', ''
       FROM generate_series(0, 12) n, generate_series(1, 2) v WHERE NOT (n = 12 AND v = 2)`,
    );
    await query(
      t.database.url,
      `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type, dependency_list, position)
       SELECT gen_random_uuid()::text, m.id, 'p' || k, 'e', 'd', k FROM model_related_informations m, generate_series(0, 2) k`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  function keys(body: Array<{ modelId: { modelName: string; modelVersion: string } }>): string[] {
    return body.map((m) => `${m.modelId.modelName}/${m.modelId.modelVersion}`);
  }

  function nextLink(header: string | undefined): string | undefined {
    return header ? /^<([^>]+)>; rel="next"$/.exec(header)?.[1] : undefined;
  }

  it('without page-size nothing changes: every registration, no Link', async () => {
    const response = await request(t.http).get(DISCOVERY).expect(200);
    expect(response.body).toHaveLength(25);
    expect(response.headers.link).toBeUndefined();
  });

  it('walks every page in (name, version) order, each item once, with whole environment lists', async () => {
    const all = keys((await request(t.http).get(DISCOVERY).expect(200)).body);
    const seen: string[] = [];
    let url: string | undefined = `${DISCOVERY}?page-size=10`;
    const sizes: number[] = [];
    while (url) {
      const response = await request(t.http).get(url).expect(200);
      sizes.push(response.body.length);
      for (const model of response.body) expect(model.modelInformation.targetEnvironment).toHaveLength(3);
      seen.push(...keys(response.body));
      url = nextLink(response.headers.link);
      if (url)
        expect(url).toMatch(/^\/ai-ml-model-discovery\/v1\/models\?page-size=10&page-token=[A-Za-z0-9_-]+$/);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(all);
    expect(seen[0]).toBe('p-00/1');
  });

  it('an exact final page has no Link; filters combine with pagination and keep their parameters', async () => {
    const exact = await request(t.http).get(`${DISCOVERY}?page-size=25`).expect(200);
    expect(exact.body).toHaveLength(25);
    expect(exact.headers.link).toBeUndefined();

    const first = await request(t.http).get(`${DISCOVERY}?model-name=p-03&page-size=1`).expect(200);
    expect(keys(first.body)).toEqual(['p-03/1']);
    const next = nextLink(first.headers.link)!;
    expect(next).toMatch(/^\/ai-ml-model-discovery\/v1\/models\?model-name=p-03&page-size=1&page-token=/);
    const second = await request(t.http).get(next).expect(200);
    expect(keys(second.body)).toEqual(['p-03/2']);
    expect(second.headers.link).toBeUndefined();
  });

  it('bad page-size or page-token is 400', async () => {
    for (const [size, detail] of [
      ['0', 'page-size must not be less than 1'],
      ['1001', 'page-size must not be greater than 1000'],
      ['ten', 'page-size must be an integer number'],
      ['abc', 'page-size must be an integer number'],
      ['-1', 'page-size must not be less than 1'],
      ['1.5', 'page-size must be an integer number'],
    ]) {
      const response = await request(t.http).get(`${DISCOVERY}?page-size=${size}`).expect(400);
      expect(response.body.detail).toBe(`page-size: ${detail}`);
    }
    const forged = Buffer.from('["a\\u0000", "1"]').toString('base64url');
    for (const token of ['%%%', 'bm90LWpzb24', forged]) {
      const response = await request(t.http).get(`${DISCOVERY}?page-token=${token}`).expect(400);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'page-token: not a token from a previous page',
        instance: DISCOVERY,
      });
    }
  });
});
