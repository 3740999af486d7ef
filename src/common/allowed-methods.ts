import type { FastifyInstance } from 'fastify';

/** OPTIONS is left out: CORS preflights are answered for every path, routed or not. */
const PROBED_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;

/**
 * The methods the app's routes accept for a path (empty when no route matches it), so that a
 * wrong method can be a 405 with Allow rather than a 404.
 */
export function allowedMethods(fastify: FastifyInstance, path: string): string[] {
  const methods = PROBED_METHODS.filter((method) => fastify.findRoute({ method, url: path }) !== null);
  return (methods.includes('GET') ? [...methods, 'HEAD'] : methods).sort();
}
