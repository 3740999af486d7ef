import { Logger } from '@nestjs/common';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock } from './data-dir-lock';

/**
 * The embedded default: PGlite (PostgreSQL compiled to WebAssembly) kept in a directory and
 * served on loopback over the PostgreSQL wire protocol, so the ordinary `pg` driver, TypeORM and
 * the migrations work unchanged. It runs in a worker thread (embedded-database.worker.cjs).
 * A directory is locked for this process first (DataDirLock), before PGlite opens its files.
 * PGlite runs one session at a time: use a pool of one.
 */
export class EmbeddedDatabase {
  private static readonly logger = new Logger(EmbeddedDatabase.name);
  private stopping = false;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock | undefined,
    readonly url: string,
  ) {}

  /**
   * `dataDir` undefined keeps the database in memory (tests). `purpose` tells a second process
   * that finds the directory locked what this one is doing.
   */
  static async start(dataDir?: string, purpose?: string): Promise<EmbeddedDatabase> {
    const lock = dataDir === undefined ? undefined : await DataDirLock.acquire(dataDir, purpose);
    const worker = new Worker(join(__dirname, 'embedded-database.worker.cjs'), { workerData: { dataDir } });
    let started: { port: number };
    try {
      [started] = (await Promise.race([
        once(worker, 'message'),
        once(worker, 'exit').then(([code]) => {
          throw new Error(`The embedded database stopped while starting (exit code ${String(code)})`);
        }),
      ])) as [{ port: number }];
    } catch (error) {
      await lock?.release();
      throw error;
    }
    const database = new EmbeddedDatabase(
      worker,
      lock,
      `postgres://postgres@127.0.0.1:${started.port}/postgres`,
    );
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
    // Last: the files are closed, another process may open them now.
    await this.lock?.release();
  }
}
