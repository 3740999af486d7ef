import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../../src/database/embedded-database';

export interface TestDatabase {
  readonly url: string;
  /** The pool size the app should use: the embedded store serves one session at a time. */
  readonly poolSize: number;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: on the PostgreSQL server of DATABASE_URL when set,
 * else an in-memory embedded store.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await EmbeddedDatabase.start();
    return { url: embedded.url, poolSize: 1, drop: () => embedded.stop() };
  }
  const name = `mms_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: 10,
    drop: () =>
      withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function withAdmin(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** Runs SQL on a test database directly (to check tables, not only the API). */
export async function query<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
