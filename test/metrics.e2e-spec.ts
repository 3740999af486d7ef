import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY, REGISTRATIONS } from './support/model-fixtures';

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts and times requests per route pattern and status, with process metrics, in Prometheus text', async () => {
    await request(t.http).get(DISCOVERY).expect(200);
    await request(t.http).get(`${REGISTRATIONS}/one-id`).expect(404);
    await request(t.http).get(`${REGISTRATIONS}/another-id`).expect(404);
    await request(t.http).get('/no/such/route').expect(404);
    const response = await request(t.http).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.text.split('\n');
    expect(lines).toContain(`http_requests_total{method="GET",route="${DISCOVERY}",status="200"} 1`);
    // Ids do not become label values: both unknown ids land on the route pattern.
    expect(lines).toContain(`http_requests_total{method="GET",route="${REGISTRATIONS}/:id",status="404"} 2`);
    expect(lines).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(lines).toContain(
      `http_request_duration_seconds_count{method="GET",route="${REGISTRATIONS}/:id",status="404"} 2`,
    );
    expect(response.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(response.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });
});
