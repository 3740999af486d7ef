import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { describeApiKeyAccess } from './common/api-key.verifier';
import { applyHttpTimeouts } from './common/http-timeouts.setup';
import { ConfigValidationError, loadAppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  setupApp(app, config);
  applyHttpTimeouts(app.getHttpServer(), config.http);
  await app.listen(config.http.port, config.http.host);
  new Logger('ApiKeys').log(describeApiKeyAccess(config.auth));
  drainOnSignals(app);
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool (app.close runs the
 * shutdown hooks), then exit 0. Nest's own enableShutdownHooks re-raises the signal, which reports a
 * clean drain as a kill; and server.close() alone would wait on keep-alive connections that clients
 * keep using, so responses sent while draining say `Connection: close` and idle sockets are swept.
 */
function drainOnSignals(app: NestExpressApplication): void {
  const server: Server = app.getHttpServer();
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) response.setHeader('Connection', 'close');
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
      setInterval(() => server.closeIdleConnections(), 100).unref();
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}

void bootstrap();
