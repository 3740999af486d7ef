import { lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfMissing, ChildService, spawnChildService, startChildService } from './support/child-service';
import { send } from './support/child-http';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';

/**
 * The embedded store is single-writer: a second `node dist/main.js` on the same DATA_DIR refuses to
 * start, saying who holds it, and the holder keeps serving; a holder killed with SIGKILL leaves a
 * lock that does not block the next start, which finds the data.
 */
describe('embedded store: one process per DATA_DIR', () => {
  let dataDir: string;
  const services: ChildService[] = [];

  beforeAll(async () => {
    buildIfMissing();
    dataDir = await mkdtemp(join(tmpdir(), 'mms-lock-'));
  }, 150_000);

  afterAll(async () => {
    for (const service of services) await service.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<ChildService> {
    const service = await startChildService({ DATA_DIR: dataDir });
    services.push(service);
    return service;
  }

  async function register(base: string, modelName: string): Promise<string> {
    const body = Buffer.from(JSON.stringify(registrationBody({ modelName })));
    const answer = await send(base, 'POST', REGISTRATIONS, {
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status, answer.body).toBe(201);
    return (JSON.parse(answer.body) as { modelInfo: { id: string } }).modelInfo.id;
  }

  async function expectRegistered(base: string, ids: string[]): Promise<void> {
    for (const id of ids) {
      const answer = await send(base, 'GET', `${REGISTRATIONS}/${id}`);
      expect(answer.status, answer.body).toBe(200);
      expect((JSON.parse(answer.body) as { id: string }).id).toBe(id);
    }
  }

  const ids: string[] = [];
  let holder: ChildService;

  it('a second instance refuses with one line naming the holder; the first keeps serving', async () => {
    holder = await start();
    ids.push(await register(holder.base, 'lock-first'));

    const second = await spawnChildService({ DATA_DIR: dataDir });
    services.push(second);
    const exit = await Promise.race([
      second.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the second instance kept running')), 120_000),
      ),
    ]);
    expect(exit, second.output()).toMatchObject({ code: 1, signal: null });
    const lines = second
      .output()
      .split('\n')
      .filter((line) => line.includes('in use'));
    expect(lines, second.output()).toHaveLength(1);
    expect(lines[0]).toContain(
      `The embedded database in ${join(dataDir, 'pgdata')} is in use by pid ${holder.process.pid} on host `,
    );
    expect(lines[0]).toContain(`, serving HTTP on 127.0.0.1:${holder.port}, since `);
    expect(lines[0]).toContain(
      ': stop it first, or give this process another DATA_DIR or a PostgreSQL server (DATABASE_URL)',
    );
    // An operator's mistake: no stack trace.
    expect(second.output()).not.toMatch(/^\s+at /m);

    expect((await send(holder.base, 'GET', '/health/ready')).status).toBe(200);
    ids.push(await register(holder.base, 'lock-after-refusal'));
    await expectRegistered(holder.base, ids);
  }, 300_000);

  it('after kill -9 of the holder, a restart takes over its lock and keeps the data', async () => {
    holder.process.kill('SIGKILL');
    await holder.exited;
    // The dead holder's lock is still there: the restart must see it is stale.
    expect((await lstat(join(dataDir, 'pgdata.lock'))).isSocket()).toBe(true);

    const restarted = await start();
    await expectRegistered(restarted.base, ids);
    ids.push(await register(restarted.base, 'lock-after-restart'));

    restarted.process.kill('SIGTERM');
    expect(await restarted.exited).toMatchObject({ code: 0 });
    // A clean stop removes its lock.
    await expect(lstat(join(dataDir, 'pgdata.lock'))).rejects.toMatchObject({ code: 'ENOENT' });

    const again = await start();
    await expectRegistered(again.base, ids);
  }, 400_000);
});
