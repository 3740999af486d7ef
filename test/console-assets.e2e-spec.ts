import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { CONSOLE_ROOT } from '../src/console/console-assets';
import { SECURITY_HEADERS } from '../src/http/security-headers.hook';
import { buildIfMissing } from './support/child-service';
import { DISCOVERY } from './support/model-fixtures';
import { createTestApp, TestApp } from './support/test-app';

/** The console's files at / (the build in dist/ui), under the API's headers and error answers. */
describe('console files', () => {
  let t: TestApp;
  let script: string;

  beforeAll(async () => {
    buildIfMissing();
    script = readdirSync(join(CONSOLE_ROOT, 'assets')).find((name) => name.endsWith('.js'))!;
    t = await createTestApp({ env: { API_KEYS: 'console-key', API_KEYS_PROTECT_READS: 'true' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the page at / with the security headers, revalidated; public even with protected reads', async () => {
    const page = await request(t.http).get('/').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(page.text).toContain(`<script type="module" crossorigin src="/assets/${script}"></script>`);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    await request(t.http).get(DISCOVERY).expect(401);
  });

  it('serves the hashed assets for good', async () => {
    const asset = await request(t.http).get(`/assets/${script}`).expect(200);
    expect(asset.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(t.http).head('/').expect(200);
  });

  it('leaves other paths and methods to the API: 404 and 405 problem details', async () => {
    const missing = await request(t.http).get('/assets/missing.js').expect(404);
    expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(missing.body).toMatchObject({ status: 404, instance: '/assets/missing.js' });
    const post = await request(t.http).post('/').send({}).expect(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('console turned off (UI_ENABLED=false)', () => {
  let t: TestApp;

  beforeAll(async () => {
    buildIfMissing();
    t = await createTestApp({ env: { UI_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers / with the API 404', async () => {
    const page = await request(t.http).get('/').expect(404);
    expect(page.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /',
      instance: '/',
    });
    await request(t.http).get('/index.html').expect(404);
  });
});
