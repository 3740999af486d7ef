import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet's defaults suit Swagger UI (its scripts are served from 'self'), except
 * upgrade-insecure-requests: the service is reached over plain HTTP (NodePort), where browsers would
 * then fetch Swagger UI's assets over HTTPS and fail.
 */
export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** The service's security headers, once. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = securityHeaders(SECURITY_HEADER_OPTIONS);

/**
 * Helmet's headers, computed once: they do not depend on the request, and building them per
 * request (as @fastify/helmet does, CSP parsing included) cost more than the rest of a point read's
 * hooks together. Set on the reply, so that streamed answers taken over from it carry them too.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, headers = SECURITY_HEADERS): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet's middleware sets, collected from one run on a stand-in response. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name] = String(value)),
    removeHeader: (name: string) => delete headers[name],
  };
  // Helmet throws a bad option at once rather than passing it on.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
