import { Logger } from '@nestjs/common';
import { DataSource, MigrationExecutor } from 'typeorm';

/** Arbitrary but fixed: every replica and job contends for the same advisory lock. */
export const MIGRATION_LOCK_KEY = 7_401_223_118;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so replicas or jobs
 * starting together run them once. TypeORM takes no lock of its own. The lock and the
 * migrations share one connection, which also suits the embedded store's pool of one.
 */
export async function runMigrations(
  dataSource: DataSource,
  logger = new Logger('Migrations'),
): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      const names = applied.map((migration) => migration.name);
      logger.log(names.length > 0 ? `Applied migrations: ${names.join(', ')}` : 'Schema is up to date');
      return names;
    } finally {
      // A dead connection has released its session lock already; keep the original error.
      await queryRunner
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .catch((error: unknown) => logger.warn(`Could not release the migration lock: ${String(error)}`));
    }
  } finally {
    await queryRunner.release();
  }
}
