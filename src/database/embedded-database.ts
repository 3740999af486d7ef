import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock } from './data-dir-lock';

/** The `pg` driver reaches a Unix socket as host=<directory>, file `.s.PGSQL.<port>`. */
const SOCKET_PORT = 5432;
const MAX_SOCKET_PATH_BYTES = 107;

/**
 * The embedded default: PGlite (PostgreSQL compiled to WebAssembly) kept in a directory and
 * served over the PostgreSQL wire protocol, so the ordinary `pg` driver, TypeORM and the
 * migrations work unchanged. It runs in a worker thread (embedded-database.worker.cjs).
 * PGlite accepts any user and password, so it is served only to this process's user: on a Unix
 * socket in a private (0700) directory under the temporary directory, never on TCP. A directory
 * is locked for this process first (DataDirLock), before PGlite opens its files.
 * PGlite runs one session at a time: use a pool of one.
 */
export class EmbeddedDatabase {
  private static readonly logger = new Logger(EmbeddedDatabase.name);
  private stopping = false;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    /** Where the Unix socket is: `psql -h <socketDir> -U postgres`, as this process's user. */
    readonly socketDir: string,
    private readonly lock: DataDirLock | undefined,
    readonly url: string,
  ) {}

  /**
   * `dataDir` undefined keeps the database in memory (tests). `purpose` tells a second process
   * that finds the directory locked what this one is doing.
   */
  static async start(dataDir?: string, purpose?: string): Promise<EmbeddedDatabase> {
    const lock = dataDir === undefined ? undefined : await DataDirLock.acquire(dataDir, purpose);
    let socketDir: string | undefined;
    try {
      // mkdtemp makes the directory 0700: no other user can reach the socket inside.
      socketDir = await mkdtemp(join(tmpdir(), 'modelmgmtservice-db-'));
      const socketPath = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
      if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES)
        throw new Error(
          `The temporary directory is too long for the embedded database's socket ${socketPath}`,
        );
      const worker = new Worker(join(__dirname, 'embedded-database.worker.cjs'), {
        workerData: { dataDir, socketPath },
      });
      await Promise.race([
        once(worker, 'message'),
        once(worker, 'exit').then(([code]) => {
          throw new Error(`The embedded database stopped while starting (exit code ${String(code)})`);
        }),
      ]);
      const host = encodeURIComponent(socketDir);
      const url = `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${host}`;
      const database = new EmbeddedDatabase(worker, socketDir, lock, url);
      // Later failures: logged, and the service's readiness turns 503 as its connection breaks.
      worker.on('error', (error) =>
        EmbeddedDatabase.logger.error({ err: error }, 'The embedded database failed'),
      );
      worker.once('exit', (code) => {
        database.exited = true;
        if (!database.stopping)
          EmbeddedDatabase.logger.error(`The embedded database stopped (exit code ${code})`);
      });
      return database;
    } catch (error) {
      if (socketDir) await rm(socketDir, { recursive: true, force: true });
      await lock?.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      this.stopping = true;
      // The worker answers once PGlite has closed its files; if it died, its exit is the answer.
      const stopped = Promise.race([once(this.worker, 'message'), once(this.worker, 'exit')]);
      this.worker.postMessage('stop');
      await stopped;
      await this.worker.terminate();
    }
    await rm(this.socketDir, { recursive: true, force: true });
    // Last: the files are closed, another process may open them now.
    await this.lock?.release();
  }
}
