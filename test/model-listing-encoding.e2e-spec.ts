import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, REGISTRATIONS, registrationBody } from './support/model-fixtures';

const MODEL_INFO = '/ai-ml-model-registration/v1/getModelInfo';

/** Every character JSON escapes, and some it must not: quotes, controls, DEL, U+2028, a surrogate pair. */
const CONTROLS = Array.from({ length: 31 }, (_, code) => String.fromCharCode(code + 1)).join('');
const TRICKY = `q"b\\s/${CONTROLS}\u007f é \u2028\u2029 😀 </script>`;

/**
 * Listings write their environments as PostgreSQL renders them, the rest as JSON.stringify does: the
 * bytes must be those of the registration's own answer (which Fastify encodes with JSON.stringify).
 */
describe('listing encoding', () => {
  let t: TestApp;
  let single: string;
  let plain: string;

  beforeAll(async () => {
    t = await createTestApp();
    const body = registrationBody({
      modelName: 'encoding',
      description: `d ${TRICKY}`,
      targetEnvironment: [
        { platformName: `p ${TRICKY}`, environmentType: `e ${TRICKY}`, dependencyList: `d ${TRICKY}` },
        { platformName: 'second', environmentType: 'stg', dependencyList: 'x' },
      ],
    });
    const metadata = {
      author: `a ${TRICKY}`,
      owner: 'o',
      zeta: `z ${TRICKY}`,
      Zed: 'Z',
      beta: 'b',
      alpha: 'a',
    };
    const created = await request(t.http)
      .post(REGISTRATIONS)
      .send({ ...body, modelInformation: { ...(body.modelInformation as object), metadata } })
      .expect(201);
    const other = await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'plain' }))
      .expect(201);
    single = (await request(t.http).get(`${REGISTRATIONS}/${created.body.modelInfo.id}`).expect(200)).text;
    plain = (await request(t.http).get(`${REGISTRATIONS}/${other.body.modelInfo.id}`).expect(200)).text;
  });
  afterAll(async () => {
    await t.close();
  });

  it('the answer by id is what the listings hold', () => {
    const model = JSON.parse(single) as {
      modelInformation: { metadata: object; targetEnvironment: object[] };
    };
    expect(Object.keys(model.modelInformation.metadata)).toEqual([
      'author',
      'owner',
      'Zed',
      'alpha',
      'beta',
      'zeta',
    ]);
    expect(model.modelInformation.targetEnvironment).toEqual([
      { platformName: `p ${TRICKY}`, environmentType: `e ${TRICKY}`, dependencyList: `d ${TRICKY}` },
      { platformName: 'second', environmentType: 'stg', dependencyList: 'x' },
    ]);
  });

  it.each([
    ['every registration', DISCOVERY, () => `[${single},${plain}]`],
    ['by name', `${DISCOVERY}?model-name=encoding`, () => `[${single}]`],
    ['by name and version', `${DISCOVERY}?model-name=encoding&model-version=1`, () => `[${single}]`],
    ['one page', `${DISCOVERY}?page-size=1`, () => `[${single}]`],
  ])('discovery, %s: the same bytes', async (_, path, expected) => {
    const listing = await request(t.http).get(path).expect(200);
    expect(listing.text).toBe(expected());
  });

  it('getModelInfo: the same bytes in its data', async () => {
    const answer = await request(t.http).get(`${MODEL_INFO}/encoding`).expect(200);
    expect(answer.text).toBe(
      JSON.stringify({ code: 200, message: { name: 'encoding', data: `[${single}]` } }),
    );
  });
});
