import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../common/problem-details';
import { malformedUrlText } from './request-text.checks';
import { SECURITY_HEADERS } from './security-headers.hook';
import { requestPath } from './request-path';

/**
 * What Fastify's router refuses before any hook or Nest sees the request (a path that does not
 * decode, an over-long parameter), as the same problem details as everything else. No hook runs for
 * these, so the request id and the security headers are set here.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const path = requestPath(request.url);
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? (malformedUrlText(request.url) ?? 'The request path is not a valid URL path')
      : error.message;
  void reply
    .headers({ ...SECURITY_HEADERS, 'X-Request-Id': request.id })
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemDetails(status, detail, path)));
}
