import { DatabaseError, type Pool, type PoolClient, type QueryResultRow } from 'pg';
import { type EntityManager, QueryRunnerAlreadyReleasedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A statement PostgreSQL parses and plans once per connection (a named prepared statement) rather
 * than on every call. For a point read, parsing and planning cost the database three times what
 * executing it did (pgbench on the registry's read by id: 5,400 statements/s unnamed, 19,400
 * prepared). Each text must be fixed: one statement per shape of query, no optional predicates,
 * so that the plan PostgreSQL settles on fits every call.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

const texts = new Map<string, string>();

/**
 * Per connection of a transaction, the statements whose plan went stale there: they run unnamed on
 * it from then on (PostgreSQL refuses a stale one on that connection for good, and a transaction's
 * connection goes back to the pool whole).
 */
const staleOn = new WeakMap<PoolClient, Set<string>>();

/** pg refuses a name reused for another text on a connection; refuse it here, at load time. */
export function namedStatement(name: string, text: string): NamedStatement {
  const known = texts.get(name);
  if (known !== undefined && known !== text) throw new Error(`Statement name ${name} is used twice`);
  texts.set(name, text);
  return { name, text };
}

/**
 * Runs a named statement on the manager's transaction when it has one, else on a connection of
 * TypeORM's pool for that statement only (as `manager.query` does, without its query runner).
 */
export async function queryNamed<Row extends QueryResultRow>(
  manager: EntityManager,
  statement: NamedStatement,
  values: unknown[],
): Promise<Row[]> {
  const runner = manager.queryRunner;
  if (runner) {
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const client = (await runner.connect()) as PoolClient;
    if (staleOn.get(client)?.has(statement.name)) {
      return (await client.query<Row>(statement.text, values)).rows;
    }
    try {
      return (await client.query<Row>({ name: statement.name, text: statement.text, values })).rows;
    } catch (error) {
      // The transaction is lost (its caller answers the error); the connection's next ones are not.
      if (isStalePlan(error)) staleOn.set(client, (staleOn.get(client) ?? new Set()).add(statement.name));
      throw error;
    }
  }
  const pool = (manager.connection.driver as PostgresDriver).master as Pool;
  const client = await pool.connect();
  try {
    const result = await client.query<Row>({ name: statement.name, text: statement.text, values });
    client.release();
    return result.rows;
  } catch (error) {
    if (!isStalePlan(error)) {
      // An answer from the server leaves the connection usable; anything else (a timeout, a
      // lost connection) may not: drop it, as pool.query does.
      client.release(error instanceof DatabaseError ? undefined : (error as Error));
      throw error;
    }
    // A column's type changed under the statement (another instance's migration): PostgreSQL
    // refuses it on this connection for good. Drop the connection and answer unprepared.
    client.release(true);
    return (await pool.query<Row>(statement.text, values)).rows;
  }
}

/** SQLSTATE 0A000 "cached plan must not change result type". */
function isStalePlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test(error.message)
  );
}
