import type { EventEmitter } from 'node:events';
import type { DataSourceOptions } from 'typeorm';
import { DATABASE_ENTITIES } from './database.entities';
import { MIGRATIONS } from './migrations';

/** Our own table: the AIMLFW database is shared with the Training Manager. */
export const MIGRATIONS_TABLE = 'modelmgmtservice_migrations';

/**
 * Says on each connection that this code keeps `listing_bytes`: the triggers of AddListingBytes
 * clear the weight on any write from a session without it.
 */
const KEEPS_LISTING_BYTES = 'modelmgmtservice.keeps_listing_bytes';

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
 * The embedded store (PGlite) keeps one session for every connection it is given, so a new
 * connection can find the previous one's prepared statements, which its pg client does not know
 * of ("prepared statement already exists"): start each connection without any (on PostgreSQL a new
 * connection has none). The same round trip says that this code keeps the listing weights.
 */
async function prepareConnection(
  client: EventEmitter & { query(sql: string): Promise<unknown> },
): Promise<void> {
  client.on('error', () => undefined);
  await client.query(`DEALLOCATE ALL; SET ${KEEPS_LISTING_BYTES} = 'on'`);
}
