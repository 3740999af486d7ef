#!/usr/bin/env node
// npm run console:types: starts the built service on an embedded store of its own, reads its
// OpenAPI document and writes the console's types from it (scripts/console/openapi-types.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTypes, SCHEMA_FILE } from './openapi-types.mjs';

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'console-types-'));
const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
for (const name of ['DATABASE_URL', 'PG_HOST', 'API_KEYS', 'API_KEYS_PROTECT_READS']) delete env[name];
const service = spawn(process.execPath, ['dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
try {
  const document = await documentFrom(`http://127.0.0.1:${port}/api-docs-json`);
  writeFileSync(SCHEMA_FILE, await apiTypes(document));
  console.log(`wrote ${SCHEMA_FILE}`);
} finally {
  service.kill();
  await new Promise((resolve) => service.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

async function documentFrom(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (service.exitCode !== null)
      throw new Error(`the service exited (${service.exitCode}) before it answered`);
    try {
      const answer = await fetch(url);
      if (answer.ok) return await answer.json();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no document at ${url} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
