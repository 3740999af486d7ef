import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { ROOT } from './support/child-service';
import { createTestApp, TestApp } from './support/test-app';

interface ApiTypesModule {
  SCHEMA_FILE: string;
  apiTypes(document: unknown): Promise<string>;
}

/** The console's types are generated from this service's document, not written by hand, and current. */
describe("the console's API types", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('are what openapi-typescript makes of the served document (npm run console:types)', async () => {
    const { apiTypes, SCHEMA_FILE } = (await import(
      join(ROOT, 'scripts', 'console', 'openapi-types.mjs')
    )) as ApiTypesModule;
    const document = (await request(t.http).get('/api-docs-json').expect(200)).body as unknown;
    const committed = await readFile(join(ROOT, SCHEMA_FILE), 'utf8');
    expect(
      committed === (await apiTypes(document)),
      `${SCHEMA_FILE} is stale: run npm run console:types`,
    ).toBe(true);
  });
});
