import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstat, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { DataDirInUseError, DataDirLock } from './data-dir-lock';

describe('DataDirLock', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mms-lock-spec-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a second holder, naming the first, until the first releases', async () => {
    const dir = join(root, 'pgdata');
    const first = await DataDirLock.acquire(dir, 'serving HTTP on 0.0.0.0:8082');
    const refused = await DataDirLock.acquire(dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^The embedded database in ${dir} is in use by pid ${process.pid} on host ${hostname()}, ` +
          'serving HTTP on 0\\.0\\.0\\.0:8082, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z: stop it first, ' +
          'or give this process another DATA_DIR or a PostgreSQL server \\(DATABASE_URL\\)$',
      ),
    );
    expect((refused as Error).stack).toBe(`DataDirInUseError: ${(refused as Error).message}`);

    await first.release();
    await expect(lstat(`${dir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    const second = await DataDirLock.acquire(dir);
    await second.release();
  });

  it('takes over the lock of a holder killed with SIGKILL', async () => {
    const dir = join(root, 'pgdata');
    await leaveStaleLock(`${dir}.lock`);
    const lock = await DataDirLock.acquire(dir, 'taking over');
    try {
      expect(await whoHolds(`${dir}.lock`)).toMatchObject({ pid: process.pid, purpose: 'taking over' });
    } finally {
      await lock.release();
    }
  });

  it('works in a directory whose path is too long for a socket (Linux)', async () => {
    const deep = join(root, 'd'.repeat(60), 'e'.repeat(60));
    await mkdir(deep, { recursive: true });
    const dir = join(deep, 'pgdata');
    const first = await DataDirLock.acquire(dir, 'deep');
    expect((await lstat(`${dir}.lock`)).isSocket()).toBe(true);
    await expect(DataDirLock.acquire(dir)).rejects.toThrow(`is in use by pid ${process.pid}`);
    await first.release();
    await expect(lstat(`${dir}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

/** A lock socket whose process died by SIGKILL: the file stays, nobody listens. */
async function leaveStaleLock(path: string): Promise<void> {
  const holder = spawn(
    process.execPath,
    ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('held'))`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(holder.stdout, 'data');
  holder.kill('SIGKILL');
  await once(holder, 'exit');
  expect((await lstat(path)).isSocket()).toBe(true);
}

/** What a holder answers on its lock (a path short enough to connect to). */
async function whoHolds(path: string): Promise<unknown> {
  const socket = connect(path);
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  await once(socket, 'end');
  return JSON.parse(text);
}
