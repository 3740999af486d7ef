import request from 'supertest';
import { FakeTrainingManager } from './support/fake-training-manager';
import { createTestApp, TestApp } from './support/test-app';

const MODEL_INFO = '/experiment/agent/modelInfo';
const PROBE = {
  method: 'GET',
  path: '/ai-ml-model-training/v1/featureGroup',
  contentType: undefined,
  body: undefined,
};

/**
 * The Training Manager is optional: start-up (and so readiness) must not wait for its probe, which
 * takes up to its timeout when the TM does not answer. The assistant's requests wait for it instead.
 */
describe('start-up does not wait for the Training Manager', () => {
  let tm: FakeTrainingManager;
  let t: TestApp | undefined;
  let release!: () => void;

  beforeAll(async () => {
    tm = await FakeTrainingManager.start();
    tm.gate = new Promise<void>((resolve) => (release = resolve));
  });
  afterAll(async () => {
    release();
    await t?.close();
    await tm.close().catch(() => undefined);
  });

  it('is ready while the probe is unanswered; modelInfo answers once the TM has', async () => {
    t = await createTestApp({ env: { TM_URL: tm.url } });
    // Started and listening with the boot probe still held by the TM (which may record it a little later).
    await vi.waitFor(() => expect(tm.requests).toEqual([PROBE]));
    await request(t.http).get('/health/ready').expect(200);

    let answered = false;
    const info = request(t.http)
      .get(MODEL_INFO)
      .then((response) => ((answered = true), response));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    release();
    const response = await info;
    expect(response.status).toBe(200);
    expect(response.body.trainingManager).toEqual({ url: tm.url, available: true, reason: null });
    expect(tm.requests).toEqual([PROBE]);
  });
});
