import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('API documentation and security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'http://dashboard.example' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves Swagger UI with a CSP it can live with over plain HTTP', async () => {
    const page = await request(t.http).get('/api-docs').expect(200);
    expect(page.text).toContain('<script src="./api-docs/swagger-ui-bundle.js">');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    await request(t.http).get('/api-docs/swagger-ui-init.js').expect(200);
  });

  it('serves the OpenAPI 3 document with every operation and closed schemas', async () => {
    const document = (await request(t.http).get('/api-docs-json').expect(200)).body;
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/ai-ml-model-discovery/v1/models',
      '/ai-ml-model-registration/v1/downloadModel/{modelName}/{modelVersion}/{artifactVersion}/model.zip',
      '/ai-ml-model-registration/v1/getModelInfo/{modelName}',
      '/ai-ml-model-registration/v1/model-registrations',
      '/ai-ml-model-registration/v1/model-registrations/updateArtifact/{modelName}/{modelVersion}/{artifactVersion}',
      '/ai-ml-model-registration/v1/model-registrations/{id}',
      '/ai-ml-model-registration/v1/model-registrations/{id}/artifacts',
      '/ai-ml-model-registration/v1/uploadModel/{modelName}/{modelVersion}',
      '/experiment/agent/generate-content',
      '/experiment/agent/modelInfo',
      '/health/live',
      '/health/ready',
    ]);
    expect(document.components.schemas.ModelRegistrationDto.additionalProperties).toBe(false);
  });

  it('answers CORS preflights for the configured dashboard origin only', async () => {
    const allowed = await request(t.http)
      .options('/ai-ml-model-discovery/v1/models')
      .set('Origin', 'http://dashboard.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://dashboard.example');
    const other = await request(t.http)
      .options('/ai-ml-model-discovery/v1/models')
      .set('Origin', 'http://elsewhere.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
