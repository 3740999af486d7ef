import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppConfig, TrustProxy } from '../config/app-config';
import { answerFrameworkError } from './framework-error.handler';
import { requestId } from './request-id';

/** JSON bodies above this are refused with 413; registrations are far smaller. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Fastify, as the service runs it. Every cross-cutting step (body checks, access log, metrics,
 * security headers) is a Fastify hook or plugin, none a Nest middleware: middie stays out of the
 * request path.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // Behind the ingress, request.ip (the rate limit's key) is the client from X-Forwarded-For.
    trustProxy: trustProxyOption(config.http.trustProxy),
    genReqId: requestId,
    // One access line per request is written by the access-log hook; Fastify's logger stays off.
    logger: false,
    frameworkErrors: answerFrameworkError,
    routerOptions: {
      // `/models/` is `/models`, as the Go service (gin) and Express answered it.
      ignoreTrailingSlash: true,
      // Names are up to 128 characters and versions 64; longer parameters are the DTOs' 400, not a 414.
      maxParamLength: 4096,
    },
    skipMiddie: true,
    // The drain on SIGTERM (main.ts) serves what arrives on open connections, with Connection: close,
    // rather than 503s: clients mid-conversation see their last answer, not an error.
    return503OnClosing: false,
  });
}

/**
 * A hop count as Express and proxy-addr read it (the nearest `hops` addresses are proxies); Fastify's
 * own number option now trusts no hop at all.
 */
function trustProxyOption(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
