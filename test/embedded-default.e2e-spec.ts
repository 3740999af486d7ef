import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';

/** `npm start` with no database configured: the embedded store under DATA_DIR, kept across restarts. */
describe('embedded default', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mms-embedded-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('start, register, restart: the registration is still there', async () => {
    const first = await createTestApp({ embedded: true, dataDir });
    expect(first.config.database).toEqual({ kind: 'embedded', dataDir: join(dataDir, 'pgdata') });
    const created = await request(first.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'survivor' }))
      .expect(201);
    await request(first.http)
      .get('/health/ready')
      .expect(200, { status: 'ok', checks: { database: 'up', artifactStore: 'up' } });
    await first.stop();

    const second = await createTestApp({ embedded: true, dataDir });
    try {
      const read = await request(second.http)
        .get(`${REGISTRATIONS}/${created.body.modelInfo.id}`)
        .expect(200);
      expect(read.body).toEqual(created.body.modelInfo);
    } finally {
      await second.stop();
    }
  });
});
