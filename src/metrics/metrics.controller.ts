import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AllowAnonymous } from '../common/api-key.decorators';
import { OPERATIONS_TAG } from '../common/api-tags';
import { MetricsService } from './metrics.service';

@ApiTags(OPERATIONS_TAG)
@AllowAnonymous()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'http_requests_total and http_request_duration_seconds by method, route and status, and the ' +
      "process's default metrics, in the Prometheus text format.",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics', schema: { type: 'string' } })
  render(): Promise<string> {
    return this.metrics.render();
  }
}
