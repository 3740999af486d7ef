import './compile-cache';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { describeApiKeyAccess } from './common/api-key.verifier';
import { applyHttpTimeouts } from './common/http-timeouts.setup';
import { AppLogger } from './common/app-logger';
import { ConfigValidationError, loadAppConfig } from './config/app-config';
import { checkDataDir } from './config/data-dir.check';
import { checkEmbeddedMemory } from './database/embedded-memory.check';
import { createHttpAdapter } from './http/http-adapter.factory';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    for (const problem of error.problems)
      new AppLogger().fatal(`Invalid configuration: ${problem}`, 'Config');
    process.exit(1);
  }
  // JSON lines from the first one, boot and start-up failures included.
  const logger = new AppLogger(config.logLevel);
  const problems = [checkDataDir(config), checkEmbeddedMemory(config)].filter((p) => p !== undefined);
  for (const problem of problems) logger.fatal(problem, 'Bootstrap');
  if (problems.length > 0) process.exit(1);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createHttpAdapter(config),
    { bodyParser: false, logger },
  );
  setupApp(app, config, logger);
  applyHttpTimeouts(app.getHttpServer(), config.http);
  await app.listen(config.http.port, config.http.host);
  new Logger('ApiKeys').log(describeApiKeyAccess(config.auth));
  drainOnSignals(app);
  const url = localUrl(config.http);
  new Logger('Bootstrap').log(`Ready on ${url} (Swagger UI: ${url}/api-docs)`);
}

/** Where a person on this host reaches the service: all interfaces are reachable as localhost. */
function localUrl({ host, port }: { host: string; port: number }): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the pool (app.close runs the
 * shutdown hooks), then exit 0. Nest's own enableShutdownHooks re-raises the signal, which reports a
 * clean drain as a kill; and server.close() alone would wait on keep-alive connections that clients
 * keep using, so responses sent while draining say `Connection: close` and idle sockets are swept.
 */
function drainOnSignals(app: NestFastifyApplication): void {
  const server: Server = app.getHttpServer();
  const logger = new Logger('Shutdown');
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
      logger.log(`${signal}: draining ${inFlight.size} in-flight request(s), accepting no new connections`);
      for (const response of inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
      setInterval(() => server.closeIdleConnections(), 100).unref();
      app.close().then(
        () => {
          logger.log('Drained and closed: exiting 0');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(error);
          process.exit(1);
        },
      );
    });
  }
}

bootstrap().catch((error: unknown) => {
  new AppLogger().fatal(error, 'Bootstrap');
  process.exit(1);
});
