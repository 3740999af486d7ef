import type { DataSourceOptions } from 'typeorm';
import { DATABASE_ENTITIES } from './database.entities';
import { MIGRATIONS } from './migrations';

/** Our own table: the AIMLFW database is shared with the Training Manager. */
export const MIGRATIONS_TABLE = 'modelmgmtservice_migrations';

export interface DatabaseEndpoint {
  readonly url: string;
  readonly poolSize: number;
  /** Per-query limit; 0 for none. Default 30 s: a stalled database becomes a 503, not a hang. */
  readonly queryTimeoutMs?: number;
}

export function buildDataSourceOptions(endpoint: DatabaseEndpoint): DataSourceOptions {
  return {
    type: 'postgres',
    url: endpoint.url,
    entities: DATABASE_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      max: endpoint.poolSize,
      // Fail fast when the database is unreachable instead of queueing requests forever.
      connectionTimeoutMillis: 3_000,
      idleTimeoutMillis: 30_000,
      query_timeout: endpoint.queryTimeoutMs ?? 30_000,
      application_name: 'modelmgmtservice',
    },
  };
}
