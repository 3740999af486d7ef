import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isMiddlewareRoute } from '../common/allowed-methods';
import { MetricsService } from './metrics.service';

/** Times every request; the route label is the matched pattern, so ids do not explode cardinality. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const matched = (request.route as { path?: string } | undefined)?.path;
      const route = matched === undefined || isMiddlewareRoute(matched) ? 'unmatched' : matched;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe(request.method, route, response.statusCode, seconds);
    });
    next();
  }
}
