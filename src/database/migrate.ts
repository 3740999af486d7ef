import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source.options';
import { EmbeddedDatabase } from './embedded-database';
import { runMigrations } from './migration-runner';

/** `node dist/database/migrate.js`: the deployment hook job (and `npm run migration:run`). */
async function main(): Promise<void> {
  const logger = new Logger('Migrations');
  const config = loadAppConfig(process.env);
  const embedded =
    config.database.kind === 'embedded'
      ? await EmbeddedDatabase.start(config.database.dataDir, 'running migrations')
      : undefined;
  const url = config.database.kind === 'postgres' ? config.database.url : embedded!.url;
  // A job may wait for another runner's lock and rewrite large tables: no per-query time limit here.
  const dataSource = await new DataSource(
    buildDataSourceOptions({ url, poolSize: 1, queryTimeoutMs: 0 }),
  ).initialize();
  try {
    await runMigrations(dataSource, logger);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
