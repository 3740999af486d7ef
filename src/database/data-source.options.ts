import type { EventEmitter } from 'node:events';
import type { DataSourceOptions } from 'typeorm';
import { DATABASE_ENTITIES } from './database.entities';
import { MIGRATIONS } from './migrations';

/** Our own table: the AIMLFW database is shared with the Training Manager. */
export const MIGRATIONS_TABLE = 'modelmgmtservice_migrations';

/** How our connections name themselves; a trigger tells our writes from others' by it (AddListingBytes). */
const APPLICATION_NAME = 'modelmgmtservice';

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
      application_name: APPLICATION_NAME,
      onConnect: prepareConnection,
    },
  };
}

/**
 * pg emits 'error' on a client the pool has just handed out, before TypeORM listens to it, when
 * the server's FATAL (a restart) arrives in the same read as the connection's ReadyForQuery; with
 * no listener that crashes the process. This one stays for the client's life. The client is no
 * longer queryable then, and its first query fails as a lost connection (503).
 *
 * The embedded store (PGlite) keeps one session for every connection it is given and ignores
 * the startup packet's settings, so a new connection can find the previous one's prepared
 * statements, which its pg client does not know of ("prepared statement already exists"), and has
 * no application name: start each connection without any, and named. On PostgreSQL a new
 * connection has no statement and has its name already; this is one round trip per connection.
 */
async function prepareConnection(
  client: EventEmitter & { query(sql: string): Promise<unknown> },
): Promise<void> {
  client.on('error', () => undefined);
  await client.query(`DEALLOCATE ALL; SET application_name = '${APPLICATION_NAME}'`);
}
