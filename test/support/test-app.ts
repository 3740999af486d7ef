import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { setupApp } from '../../src/app.setup';
import { AppLogger } from '../../src/common/app-logger';
import { createHttpAdapter } from '../../src/http/http-adapter.factory';
import { AppConfig, loadAppConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  readonly app: INestApplication;
  readonly http: Server;
  readonly config: AppConfig;
  readonly dataSource: DataSource;
  /** The test's own database; absent when the app runs its embedded store under dataDir. */
  readonly database: TestDatabase;
  readonly dataDir: string;
  /** Closes the app (keeping the database) so that a new one can start on it. */
  stop(): Promise<void>;
  /** Closes the app and drops its database and data directory. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. one a previous app in the same test used). */
  database?: TestDatabase;
  dataDir?: string;
  /** Let the app start its own embedded store under dataDir, as `npm start` does. */
  embedded?: boolean;
}

const NO_DATABASE: TestDatabase = { url: '', poolSize: 1, drop: () => Promise.resolve() };

/** The real app, as main.ts builds it, on a fresh database of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.embedded ? NO_DATABASE : (options.database ?? (await createTestDatabase()));
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mms-test-')));
  const config = loadAppConfig({
    DATABASE_URL: database.url,
    DB_POOL_SIZE: String(database.poolSize),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // It would compact the test runner's heap, not a service's: test/idle-memory-release covers it.
    IDLE_MEMORY_RELEASE_MS: '0',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), {
    bodyParser: false,
    bufferLogs: true,
  });
  setupApp(app, config, new AppLogger(config.logLevel));
  // Listening (not just init) so that concurrent requests share one real server.
  await app.listen(0, '127.0.0.1');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    http: app.getHttpServer(),
    config,
    dataSource: app.get(DataSource),
    database,
    dataDir,
    stop,
    close: async () => {
      await stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
