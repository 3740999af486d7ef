import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

/**
 * Takes the Node response over from Fastify for an answer written piece by piece (streams, events):
 * the headers set on the reply so far (request id, CORS) go with it. Call it only once the answer
 * is certain to start: from then on errors can no longer become problem details.
 */
export function takeOverResponse(reply: FastifyReply): ServerResponse {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value);
  }
  reply.hijack();
  return reply.raw;
}
