import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { protectApiDocs } from './common/api-docs-access.hook';
import { fillProblemInstances } from './common/api-problem-responses.decorator';
import { API_TAGS } from './common/api-tags';
import { declareApiKeySecurity } from './common/api-key.openapi';
import { ApiKeyVerifier } from './common/api-key.verifier';
import { AppLogger } from './common/app-logger';
import { ProblemDetailsDto } from './common/problem-details.dto';
import { AppConfig } from './config/app-config';
import { serveConsole } from './console/console-assets';
import { registerAccessLog } from './http/access-log.hook';
import { registerRequestBodyParsers } from './http/request-body.parsers';
import { echoRequestId } from './http/request-id';
import { registerSecurityHeaders } from './http/security-headers.hook';
import { registerHttpMetrics } from './metrics/http-metrics.hook';
import { MetricsService } from './metrics/metrics.service';

/** Swagger UI's path; the documents are at `-json` and `-yaml` after it. */
const API_DOCS_PATH = 'api-docs';

/** Everything main.ts and the tests both need on top of the module graph. Call before listen. */
export function setupApp(app: NestFastifyApplication, config: AppConfig, logger: AppLogger): void {
  app.useLogger(logger);
  const fastify = app.getHttpAdapter().getInstance();
  // First, so that every answer (the other hooks' errors too) carries them.
  registerSecurityHeaders(fastify);
  echoRequestId(fastify);
  registerAccessLog(fastify, logger.pino);
  registerHttpMetrics(fastify, app.get(MetricsService));
  registerRequestBodyParsers(fastify);
  app.enableCors({
    origin: config.http.corsOrigins === '*' ? true : config.http.corsOrigins,
    // Lists as one comma-separated string each: @fastify/cors would join arrays with ", ".
    methods: 'GET,HEAD,PUT,POST,DELETE',
    exposedHeaders: [
      'Location',
      'Link',
      'ETag',
      'Content-Disposition',
      'X-Request-Id',
      // The assistant's rate limit, so that a chat UI can pace itself.
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ].join(','),
  });
  // Swagger's routes bypass the global guard. With protected reads all of /api-docs* needs the key:
  // its init script embeds the document, so the UI page could not stay open without leaking it.
  if (config.auth.apiKeys.length > 0 && config.auth.protectReads)
    protectApiDocs(fastify, new ApiKeyVerifier(config.auth), `/${API_DOCS_PATH}`);
  if (config.uiEnabled) serveConsole(fastify, logger);
  // Built on the first request for it, not at start-up: most instances never serve it.
  SwaggerModule.setup(API_DOCS_PATH, app, () => apiDocument(app, config), {
    jsonDocumentUrl: `${API_DOCS_PATH}-json`,
  });
}

/**
 * Everything in it comes from the decorators: no compiler plugin adds to it, so the tests' document
 * (built from the sources by SWC) is the one the service serves.
 */
function apiDocument(app: NestFastifyApplication, config: AppConfig): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('modelmgmtservice')
    .setDescription('AIMLFW model registry: R1AP ModelRelatedInformation, model archives and the assistant')
    .setVersion('1.0');
  for (const [name, description] of API_TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ProblemDetailsDto] });
  closeSchemas(document);
  declareApiKeySecurity(document, config.auth);
  fillProblemInstances(document);
  return document;
}

/**
 * Requests with unknown fields are rejected and responses carry exactly their fields, so every
 * named schema says `additionalProperties: false` (fuzzers and client generators rely on it).
 */
function closeSchemas(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    if ('properties' in schema && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
  }
}
