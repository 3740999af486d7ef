import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics; a registry of its own per app so that tests can start several. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly memoryReleases = new Counter({
    name: 'memory_idle_releases_total',
    help: 'Memory-reducing collections run once the service went idle after a burst',
    registers: [this.registry],
  });

  private readonly memoryReleased = new Counter({
    name: 'memory_idle_released_bytes_total',
    help: 'V8 heap bytes returned to the system by those collections',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  observeMemoryRelease(bytes: number): void {
    this.memoryReleases.inc();
    this.memoryReleased.inc(bytes);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
