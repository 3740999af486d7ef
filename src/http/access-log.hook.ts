import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger as Pino } from 'pino';

/**
 * Headers that carry credentials: the one the API key guard reads (Authorization) and the ones clients
 * and proxies commonly send keys or sessions in. Node lower-cases names. Response headers (Set-Cookie
 * among them) are not logged at all.
 */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key'];
const REDACTED = '[redacted]';

/** What a handler adds to its request's access line, so that the request still has one line. */
interface Annotation {
  readonly fields: Record<string, unknown>;
  readonly warn: boolean;
}
const ANNOTATIONS = new WeakMap<FastifyRequest, Annotation>();
/** Requests whose line is written: a response that errors and then closes unfinished gets one. */
const LOGGED = new WeakSet<FastifyRequest>();

/**
 * Adds `fields` to the request's access line (e.g. what the assistant did), at warn level at least
 * when `warn`: one line per request, not one of the access log and one of the handler's.
 */
export function annotateAccessLine(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  warn = false,
): void {
  ANNOTATIONS.set(request, { fields, warn });
}

/** Probes and scrapes every few seconds would drown the log. */
const UNLOGGED = /^\/(health|metrics)/;

/**
 * The access log: one line per request once its response is sent, with the request id, the request
 * and the status; no response headers, nothing else per request.
 */
export function registerAccessLog(fastify: FastifyInstance, access: Pino): void {
  if (!access.isLevelEnabled('error')) return;
  fastify.addHook('onRequest', (request, reply, done) => {
    // Fastify's onResponse runs only once a response is finished: one the client cut (an upload
    // given up, a download or an event stream left) gets its line when the connection closes.
    if (!UNLOGGED.test(request.url)) {
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) writeAccessLine(access, request, reply, true);
      });
    }
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!UNLOGGED.test(request.url)) writeAccessLine(access, request, reply);
    done();
  });
}

export function writeAccessLine(
  access: Pino,
  request: FastifyRequest,
  reply: FastifyReply,
  aborted = false,
): void {
  if (LOGGED.has(request)) return;
  LOGGED.add(request);
  const status = reply.statusCode;
  const annotation = ANNOTATIONS.get(request);
  const level = status >= 500 ? 'error' : aborted || status >= 400 || annotation?.warn ? 'warn' : 'info';
  if (!access.isLevelEnabled(level)) return;
  const { raw } = request;
  access[level](
    {
      req: {
        id: request.id,
        method: request.method,
        url: request.url,
        headers: withoutCredentials(raw.headers),
        remoteAddress: request.ip,
        remotePort: raw.socket?.remotePort,
      },
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime * 1000) / 1000,
      ...annotation?.fields,
    },
    aborted ? 'request aborted' : 'request completed',
  );
}

/** A copy with the credentials replaced (cheaper than pino's path redaction, which clones per line). */
function withoutCredentials(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of CREDENTIAL_HEADERS) if (copy[name] !== undefined) copy[name] = REDACTED;
  return copy;
}
