import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Headers that carry credentials: the one the API key guard reads (Authorization) and the ones clients
 * and proxies commonly send keys or sessions in. Node lower-cases names. Response headers (Set-Cookie
 * among them) are not logged at all.
 */
const CREDENTIAL_HEADER_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
];

/** The access log: JSON lines with a request id (taken from X-Request-Id when sane), also in the response. */
export function httpLoggerOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const offered = request.headers[REQUEST_ID_HEADER];
      const id = typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    redact: { paths: CREDENTIAL_HEADER_PATHS, censor: '[redacted]' },
    // One cheap line per request: the status says what the response was; its headers are noise.
    serializers: { res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }) },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // Probes and scrapes every few seconds would drown the log.
    autoLogging: {
      ignore: (request: IncomingMessage) => /^\/(health|metrics)/.test(request.url ?? ''),
    },
  };
}
