import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { apiDocsAccess } from './common/api-docs-access.middleware';
import { declareApiKeySecurity } from './common/api-key.openapi';
import { ApiKeyVerifier } from './common/api-key.verifier';
import { ProblemDetailsDto } from './common/problem-details.dto';
import { refuseMalformedJsonBytes, refuseUnsafeRequestText } from './common/request-text.middleware';
import { AppConfig } from './config/app-config';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';

/** JSON bodies above this are refused with 413; registrations are far smaller. */
export const JSON_BODY_LIMIT = '2mb';

/** Swagger UI's path; the documents are at `-json` and `-yaml` after it. */
const API_DOCS_PATH = 'api-docs';

/** Everything main.ts and the tests both need on top of the module graph. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  // Nest's type leaves `verify` out (its rawBody option, not used here, would take it): passed as is.
  const strictJson = { limit: JSON_BODY_LIMIT, strict: false, verify: refuseMalformedJsonBytes };
  express.useBodyParser('json', strictJson);
  express.use(refuseUnsafeRequestText);
  express.disable('x-powered-by');
  // Behind the ingress, request.ip (the rate limit's key) is the client from X-Forwarded-For.
  express.set('trust proxy', config.http.trustProxy);
  // No weak ETag hashed over every JSON body: clients do not revalidate registry answers, and
  // downloads set their own strong ETag.
  express.set('etag', false);
  // Plain Express middleware rather than a Nest route middleware: it must see every request,
  // unrouted ones included, and stay out of the route table that 405 answers are computed from.
  const metrics = app.get(HttpMetricsMiddleware);
  express.use(metrics.use.bind(metrics));
  // Helmet's defaults suit Swagger UI (its scripts are served from 'self'), except
  // upgrade-insecure-requests: the service is reached over plain HTTP (NodePort), where browsers would
  // then fetch Swagger UI's assets over HTTPS and fail.
  express.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  express.enableCors({
    origin: config.http.corsOrigins === '*' ? true : config.http.corsOrigins,
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
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
    ],
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('modelmgmtservice')
      .setDescription('AIMLFW model registry: R1AP ModelRelatedInformation, model archives and the assistant')
      .setVersion('1.0')
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  closeSchemas(document);
  declareApiKeySecurity(document, config.auth);
  // Swagger's routes bypass the global guard. With protected reads all of /api-docs* needs the key:
  // its init script embeds the document, so the UI page could not stay open without leaking it.
  if (config.auth.apiKeys.length > 0 && config.auth.protectReads)
    express.use(apiDocsAccess(new ApiKeyVerifier(config.auth), `/${API_DOCS_PATH}`));
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
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
