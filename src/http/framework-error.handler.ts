import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemDetails } from '../common/problem-details';
import { malformedUrlText } from './request-text.checks';

/**
 * What Fastify's router refuses before any hook or Nest sees the request (a path that does not
 * decode, an over-long parameter), as the same problem details as everything else.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 400;
  const path = request.url.split('?')[0];
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? (malformedUrlText(request.url) ?? 'The request path is not a valid URL path')
      : error.message;
  void reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemDetails(status, detail, path)));
}
