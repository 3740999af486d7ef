import { STATUS_CODES } from 'node:http';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

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
      '/experiment/agent/conversations/{id}',
      '/experiment/agent/generate-content',
      '/experiment/agent/modelInfo',
      '/health/live',
      '/health/ready',
      '/metrics',
    ]);
    expect(document.components.schemas.ModelRegistrationDto.additionalProperties).toBe(false);
  });

  it('describes custom metadata: metadata, in requests and responses, open to bounded string keys', async () => {
    const document = (await request(t.http).get('/api-docs-json').expect(200)).body;
    for (const name of ['ModelMetadataDto', 'ModelMetadataResponseDto']) {
      expect(document.components.schemas[name]).toMatchObject({
        additionalProperties: { type: 'string', maxLength: 1024, pattern: '^[^\\x00]*$' },
        maxProperties: 34,
        description:
          'Besides author and owner, up to 32 custom keys matching ^[A-Za-z][A-Za-z0-9_.-]{0,63}$, each a ' +
          'string of at most 1024 characters: stored, and returned after author and owner in key order. ' +
          'A PUT replaces them.',
      });
    }
  });

  it('says of every text field in a request body that NUL is refused (the validation pipe refuses it)', async () => {
    const document = (await request(t.http).get('/api-docs-json').expect(200)).body;
    const schemas: Record<string, Schema> = document.components.schemas;
    const unmarked: string[] = [];
    const visit = (schema: Schema, where: string, seen: Set<string>) => {
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop() as string;
        if (!seen.has(name)) visit(schemas[name], name, new Set([...seen, name]));
        return;
      }
      if (schema.type === 'string' && !schema.enum && !schema.format && schema.pattern === undefined)
        unmarked.push(where);
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        visit(property, `${where}.${key}`, seen);
      if (schema.items) visit(schema.items, `${where}[]`, seen);
    };
    for (const [path, operations] of Object.entries<Record<string, Operation>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (body) visit(body, `${method.toUpperCase()} ${path}`, new Set());
      }
    }
    expect(unmarked).toEqual([]);
  });

  it('gives every problem response an example of its own status, as the service answers it', async () => {
    const document = (await request(t.http).get('/api-docs-json').expect(200)).body;
    const wrong: string[] = [];
    let examples = 0;
    for (const [path, operations] of Object.entries<Record<string, Operation>>(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const problem = response.content?.['application/problem+json'];
          if (!problem) continue;
          examples += 1;
          const example = problem.example as Record<string, unknown> | undefined;
          if (
            example?.status !== Number(status) ||
            example.title !== STATUS_CODES[Number(status)] ||
            example.type !== 'about:blank' ||
            typeof example.detail !== 'string'
          )
            wrong.push(`${method} ${path} ${status}`);
        }
    expect(wrong).toEqual([]);
    expect(examples).toBeGreaterThan(30);
  });

  it('answers CORS preflights for the configured dashboard origin only', async () => {
    const allowed = await request(t.http)
      .options('/ai-ml-model-discovery/v1/models')
      .set('Origin', 'http://dashboard.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://dashboard.example');
    // Only the methods some route answers: no route takes PATCH.
    expect(allowed.headers['access-control-allow-methods']).toBe('GET,HEAD,PUT,POST,DELETE');
    const other = await request(t.http)
      .options('/ai-ml-model-discovery/v1/models')
      .set('Origin', 'http://elsewhere.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
