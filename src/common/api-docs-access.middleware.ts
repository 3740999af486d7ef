import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiKeyVerifier } from './api-key.verifier';
import { MissingApiKeyException } from './domain.exception';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem-details';

/**
 * Puts the API key in front of everything under `prefix` (Swagger UI, its assets, its init script,
 * which embeds the document, and the JSON/YAML documents): SwaggerModule's routes are plain adapter
 * routes that the global guard never sees. Plain Node request/response, so it ports to any adapter.
 */
export function apiDocsAccess(
  verifier: ApiKeyVerifier,
  prefix: string,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  const lowerPrefix = prefix.toLowerCase();
  return (request, response, next) => {
    const path = (request.url ?? '/').split('?')[0];
    // Routing ignores case and may decode: compare the way the widest reading would.
    if (!decoded(path).toLowerCase().startsWith(lowerPrefix)) return next();
    try {
      verifier.verify(request.headers.authorization);
    } catch (error) {
      if (!(error instanceof MissingApiKeyException)) throw error;
      const problem = problemDetails(error.status, error.detail, path);
      response.writeHead(error.status, { ...error.headers, 'Content-Type': PROBLEM_CONTENT_TYPE });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(problem));
      return;
    }
    next();
  };
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
