import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { childServiceFixture, freePort, MAIN_JS, ROOT, startChildService } from './support/child-service';

/**
 * What an operator reads in `kubectl logs`: JSON lines only (SPEC §8), from the first line of boot to
 * the last of the drain, start-up failures and the migration command included; readiness failures
 * with their cause, once per change rather than once per probe.
 */

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly context?: string;
}

/** Every non-empty line must be a JSON object: the test fails on the first one that is not. */
function jsonLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON line: ${JSON.stringify(line)}\n--- whole output ---\n${output}`);
      }
    });
}

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'info', ...env };
  for (const name of ['PG_HOST', 'S3_URL', 'S3_BUCKET', 'API_KEYS']) delete childEnv[name];
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

const MIGRATE_JS = join(ROOT, 'dist', 'database', 'migrate.js');

describe('operational logs are JSON lines', () => {
  const f = childServiceFixture('mms-logs-');

  it('a DATA_DIR that cannot be created fails the start with one line naming it', async () => {
    const blocker = join(f.dataDir, 'a-file');
    await writeFile(blocker, '');
    const { code, output } = await run(MAIN_JS, {
      DATA_DIR: join(blocker, 'data'),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    const fatal = jsonLines(output).filter((line) => line.level === 60);
    expect(fatal.map((line) => line.msg)).toEqual([
      `DATA_DIR ${join(blocker, 'data')} is not writable (ENOTDIR): the embedded store and archives without ` +
        `S3 live there; mount a writable volume at it (the chart's emptyDir at /tmp, or persistence), or set ` +
        `DATA_DIR to a writable directory`,
    ]);
  }, 60_000);

  it('the migration command logs JSON lines, then says the schema is up to date', async () => {
    const env = { DATABASE_URL: f.database.url, DATA_DIR: f.dataDir };
    const first = await run(MIGRATE_JS, env);
    expect(first.code, first.output).toBe(0);
    expect(jsonLines(first.output).at(-1)?.msg).toMatch(/^Applied migrations: /);
    const second = await run(MIGRATE_JS, env);
    expect(second.code, second.output).toBe(0);
    expect(jsonLines(second.output).map(({ msg, context }) => ({ msg, context }))).toEqual([
      { msg: 'Schema is up to date', context: 'Migrations' },
    ]);
  }, 60_000);

  it('a start-up failure inside Nest (port taken) is JSON lines and exit 1', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const { code, output } = await run(MAIN_JS, {
        ...f.env(),
        HOST: '127.0.0.1',
        PORT: String(port),
      });
      expect(code).toBe(1);
      const fatal = jsonLines(output).filter((line) => line.level >= 50);
      expect(fatal.map((line) => line.msg).join('\n')).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);

  it('logs why it is not ready once per change, and SIGTERM with the drain', async () => {
    f.service = await startChildService({
      ...f.env(),
      LOG_LEVEL: 'info',
    });
    const artifacts = join(f.dataDir, 'artifacts');
    // A file where the archive directory was: writes fail, for root too.
    await rm(artifacts, { recursive: true, force: true });
    await writeFile(artifacts, '');
    for (let probe = 0; probe < 3; probe++)
      expect((await fetch(`${f.service.base}/health/ready`)).status).toBe(503);
    await rm(artifacts);
    await mkdir(artifacts);
    for (let probe = 0; probe < 2; probe++)
      expect((await fetch(`${f.service.base}/health/ready`)).status).toBe(200);

    f.service.process.kill('SIGTERM');
    const exit = await f.service.exited;
    expect(exit.code).toBe(0);
    // One line that says where it listens, once it does.
    expect(jsonLines(f.service.output()).filter((line) => line.context === 'Bootstrap')).toEqual([
      expect.objectContaining({
        level: 30,
        msg: `Ready on ${f.service.base} (Swagger UI: ${f.service.base}/api-docs)`,
      }),
    ]);
    const health = jsonLines(f.service.output())
      .filter((line) => line.context === 'HealthController' || line.context === 'Shutdown')
      .map(({ level, msg }) => ({ level, msg }));
    expect(health).toEqual([
      { level: 40, msg: expect.stringMatching(/^Not ready: artifactStore: .*(EEXIST|ENOTDIR)/) as string },
      { level: 30, msg: 'Ready again' },
      { level: 30, msg: 'SIGTERM: draining 0 in-flight request(s), accepting no new connections' },
      { level: 30, msg: 'Drained and closed: exiting 0' },
    ]);
  }, 90_000);
});
