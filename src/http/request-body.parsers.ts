import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequestException, UnsupportedMediaException } from '../common/domain.exception';
import { findUnsafeJsonBody } from '../common/json-content.inspector';
import { decodeJsonBody, malformedUrlText } from './request-text.checks';
import { STREAMED_BODY } from './streamed-body.decorator';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The only request bodies the service reads: JSON (strictly decoded, then walked once by
 * {@link findUnsafeJsonBody} before anything recursive sees it), and on routes marked
 * {@link StreamedBody} any body, left unread for the handler to stream. Anything else is a 415.
 * Percent-escapes in the URL are checked on every request, before routing decodes them.
 */
export function registerRequestBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    // Unrouted: the answer is a 404 or 405 whatever the body holds.
    if (request.is404) return done(null);
    try {
      done(null, parseJson(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    // No body (e.g. `curl -d ''` on updateArtifact, sent as an empty form): nothing to refuse.
    if (request.is404 || isStreamedBodyRoute(request) || request.headers['content-length'] === '0')
      return done(null);
    done(new UnsupportedMediaException('The request body must be JSON (Content-Type: application/json)'));
  });
  fastify.addHook('onRequest', (request, _reply, done) => {
    const problem = malformedUrlText(request.url);
    done(problem ? new InvalidRequestException(problem) : undefined);
  });
}

function parseJson(body: Buffer, contentType: string | undefined): unknown {
  const text = decodeJsonBody(body, CHARSET.exec(contentType ?? '')?.[1]);
  // An empty body is an empty object, as Express's parser had it: the DTO then names what is missing.
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestException(`Malformed JSON in the request body: ${(error as Error).message}`);
  }
  const problem = findUnsafeJsonBody(value);
  if (problem) throw new InvalidRequestException(problem);
  return value;
}

function isStreamedBodyRoute(request: FastifyRequest): boolean {
  return (
    (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[STREAMED_BODY] === true
  );
}
