import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Times every request, unrouted ones included; the route label is the matched pattern, so ids do
 * not explode cardinality. Fastify's own clock (reply.elapsedTime) times it.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
