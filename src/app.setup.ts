import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsDto } from './common/problem-details.dto';
import { AppConfig } from './config/app-config';

/** JSON bodies above this are refused with 413; registrations are far smaller. */
export const JSON_BODY_LIMIT = '2mb';

/** Everything main.ts and the tests both need on top of the module graph. */
export function setupApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT, strict: false });
  express.disable('x-powered-by');
  // Helmet's defaults suit Swagger UI: its scripts are served from 'self', its styles inline.
  express.use(helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  express.enableCors({
    origin: config.http.corsOrigins === '*' ? true : config.http.corsOrigins,
    exposedHeaders: ['Location', 'Link', 'ETag', 'Content-Disposition', 'X-Request-Id'],
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('modelmgmtservice')
      .setDescription('AIMLFW model registry: R1AP ModelRelatedInformation, model archives and the assistant')
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Only when the service is configured with API_KEYS' })
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  SwaggerModule.setup('api-docs', app, document, { jsonDocumentUrl: 'api-docs-json' });
}
