// Fresh PostgreSQL databases for a benchmark run, dropped at clean-up.
import pg from 'pg';
import { onCleanup } from './cleanup.mjs';
import { ADMIN_URL } from './env.mjs';

let admin;

async function adminClient() {
  if (!admin) {
    admin = await connect(ADMIN_URL, 'admin');
  }
  return admin;
}

/** A connected pg.Client, ended at clean-up (before the database it points at is dropped). */
export async function connect(url, label) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => console.error(`${label} database connection: ${error.message}`));
  await client.connect();
  onCleanup(() => client.end());
  return client;
}

/** Creates `mms_bench_<label>_<pid>` (lower case: the Go service names it unquoted); returns its name and URL. */
export async function createDatabase(label) {
  const client = await adminClient();
  const name = `mms_bench_${label}_${process.pid}`.toLowerCase();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  onCleanup(() => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}
