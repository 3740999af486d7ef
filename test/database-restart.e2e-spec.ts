import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfMissing, ChildService, startChildService } from './support/child-service';
import { SeverMode, TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { UPLOAD, zipArchive } from './support/artifact-fixtures';
import { DISCOVERY, REGISTRATIONS, registrationBody } from './support/model-fixtures';

interface Answer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

const MODES: SeverMode[] = ['shutdown', 'reset', 'close'];
const CUTS = 9;
const WORKERS = 8;

/**
 * PostgreSQL restarts under a burst of registrations and uploads: every connection ends (as a fast
 * shutdown ends it, by a reset, by a clean close), new ones are refused, then accepted again. The
 * service (a real process) must answer only 2xx or 503 problem details, and recover by itself.
 * PostgreSQL only: the embedded store lives inside the process and cannot restart under it.
 */
describe.skipIf(!process.env.DATABASE_URL)('database restart under traffic (PostgreSQL)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let service: ChildService;
  let dataDir: string;

  beforeAll(async () => {
    buildIfMissing();
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    dataDir = await mkdtemp(join(tmpdir(), 'mms-restart-'));
    service = await startChildService({ DATABASE_URL: proxied.toString(), DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await service?.kill();
    await proxy?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, init: RequestInit = {}): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${service.base}${path}`, { method, ...init });
      text = await response.text();
    } catch (error) {
      // No answer at all (the connection dropped) is a finding too: status 0.
      const cause = (error as Error).cause as Error | undefined;
      return { method, path, status: 0, body: `${(error as Error).message}: ${cause?.message}` };
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text: a non-JSON answer is itself a finding
    }
    return { method, path, status: response.status, body };
  }

  function register(name: string): Promise<Answer> {
    return call('POST', REGISTRATIONS, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(registrationBody({ modelName: name })),
    });
  }

  function upload(name: string, seed: string): Promise<Answer> {
    const form = new FormData();
    form.append('file', new Blob([zipArchive(seed, 2048)]), 'model.zip');
    return call('POST', UPLOAD(name, '1'), { body: form });
  }

  it('only 2xx and 503 problem details through repeated restarts, then full recovery', async () => {
    expect((await register('restart-target')).status).toBe(201);
    const answers: Answer[] = [];
    let stop = false;
    let counter = 0;
    const worker = async (index: number) => {
      while (!stop) {
        const n = counter++;
        const answer =
          index % 2 === 0 ? await register(`restart-${n}`) : await upload('restart-target', `seed-${n}`);
        answers.push(answer);
      }
    };
    const traffic = Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
    for (let cut = 0; cut < CUTS; cut++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await proxy.sever(MODES[cut % MODES.length]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await proxy.restore();
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop = true;
    await traffic;

    const unexpected = answers.filter(
      (answer) => (answer.status < 200 || answer.status >= 300) && answer.status !== 503,
    );
    // On failure, what the service logged as unhandled says which error shape was missed.
    if (unexpected.length > 0) {
      console.info(unhandledErrors(service.output()).join('\n'));
      console.info(
        service
          .output()
          .split('\n')
          .filter((line) => !line.startsWith('{'))
          .slice(-60)
          .join('\n'),
      );
    }
    expect({ unexpected, exitCode: service.process.exitCode }).toEqual({ unexpected: [], exitCode: null });
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect(answer.body).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database is unavailable; retry later',
        instance: answer.path,
      });
    }
    const unavailable = answers.filter((answer) => answer.status === 503).length;
    expect(unavailable).toBeGreaterThan(0);

    // Recovery, without a restart of the service.
    const deadline = Date.now() + 10_000;
    while ((await call('GET', '/health/ready')).status !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await register('after-restart')).status).toBe(201);
    expect((await upload('restart-target', 'after')).status).toBe(200);
    expect((await call('GET', `${DISCOVERY}?model-name=after-restart&model-version=1`)).status).toBe(200);
    console.info(`restart: ${answers.length} requests, ${unavailable} answered 503`);
  });
});

/** What the service logged as unhandled: the error's type and message, one per line. */
function unhandledErrors(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.includes('Unhandled error'))
    .map((line) => {
      const { err } = JSON.parse(line) as { err?: { type?: string; message?: string } };
      return `${err?.type}: ${err?.message}`;
    });
}
