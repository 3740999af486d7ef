import type { FastifyInstance } from 'fastify';
import { ApiKeyVerifier } from './api-key.verifier';
import { requestPath } from '../http/request-path';

/**
 * Puts the API key in front of everything under `prefix` (Swagger UI, its assets, its init script,
 * which embeds the document, and the JSON/YAML documents): SwaggerModule's routes are plain adapter
 * routes that the global guard never sees. The 401 is thrown to the exception filter.
 */
export function protectApiDocs(fastify: FastifyInstance, verifier: ApiKeyVerifier, prefix: string): void {
  const lowerPrefix = prefix.toLowerCase();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const path = requestPath(request.url);
    // Compare the way the widest reading of the path would (any case, decoded).
    if (!decoded(path).toLowerCase().startsWith(lowerPrefix)) return done();
    try {
      verifier.verify(request.headers.authorization);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
