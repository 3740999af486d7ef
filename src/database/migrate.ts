import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppLogger } from '../common/app-logger';
import { ConfigValidationError, loadAppConfig } from '../config/app-config';
import { checkDataDir } from '../config/data-dir.check';
import { buildDataSourceOptions } from './data-source.options';
import { EmbeddedDatabase } from './embedded-database';
import { checkEmbeddedMemory } from './embedded-memory.check';
import { runMigrations } from './migration-runner';

/** `node dist/database/migrate.js`: the deployment hook job (and `npm run migration:run`). JSON lines. */
async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  Logger.overrideLogger(new AppLogger(config.logLevel));
  const logger = new Logger('Migrations');
  const problem =
    config.database.kind === 'embedded' && (checkDataDir(config) ?? checkEmbeddedMemory(config));
  if (problem) throw new Error(problem);
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
  const logger = new AppLogger();
  if (error instanceof ConfigValidationError)
    for (const problem of error.problems) logger.fatal(`Invalid configuration: ${problem}`, 'Config');
  else logger.fatal(error instanceof Error ? error.message : String(error), 'Migrations');
  process.exit(1);
});
