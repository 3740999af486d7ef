import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AllowAnonymous } from '../common/api-key.decorators';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { OPERATIONS_TAG } from '../common/api-tags';
import { DependencyUnavailableException } from '../common/domain.exception';
import { ArtifactStoreHealthIndicator } from './artifact-store.health-indicator';
import { HealthStatusDto } from './health-status.dto';

const CHECK_TIMEOUT_MS = 2_000;

@ApiTags(OPERATIONS_TAG)
@AllowAnonymous()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  /** Why the last readiness check failed ('' when it passed): logged when it changes, not per probe. */
  private notReadyCause: string | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly artifactStore: ArtifactStoreHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({
    summary: 'Liveness probe',
    description:
      'The process is up; depends on nothing else, so Kubernetes never restarts it for a database outage.',
  })
  @ApiOkResponse({ type: HealthStatusDto, description: 'Alive' })
  live(): Promise<HealthStatusDto> {
    return this.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness probe',
    description: 'Ready to serve: the database answers and the artifact store can be written.',
  })
  @ApiOkResponse({ type: HealthStatusDto, description: 'Ready: every dependency is up' })
  @ApiProblemResponses(notReady(['database']))
  ready(): Promise<HealthStatusDto> {
    return this.check(
      [
        () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
        () => this.artifactStore.check('artifactStore', CHECK_TIMEOUT_MS),
      ],
      (cause) => this.noteReadiness(cause),
    );
  }

  private noteReadiness(cause: string): void {
    if (cause === this.notReadyCause) return;
    if (cause) this.logger.warn(`Not ready: ${cause}`);
    else if (this.notReadyCause !== undefined) this.logger.log('Ready again');
    this.notReadyCause = cause;
  }

  private async check(
    indicators: HealthIndicatorFunction[],
    onOutcome: (cause: string) => void = () => undefined,
  ): Promise<HealthStatusDto> {
    try {
      const result = await this.health.check(indicators);
      onOutcome('');
      return { status: result.status, checks: summarize(result) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const response = error.getResponse() as HealthCheckResult;
      onOutcome(causes(response));
      const failed = summarize(response);
      const down = Object.entries(failed)
        .filter(([, status]) => status !== 'up')
        .map(([name]) => name);
      throw notReady(down);
    }
  }
}

/** The 503 of a readiness check: which dependencies are down. */
export function notReady(down: readonly string[]): DependencyUnavailableException {
  return new DependencyUnavailableException(`Not ready: ${down.join(', ') || 'unknown'} down`);
}

/** `database: <message>; artifactStore: <message>` for the indicators that are not up. */
function causes(result: HealthCheckResult): string {
  return (
    Object.entries(result.details ?? {})
      .filter(([, detail]) => detail.status !== 'up')
      .map(
        ([name, detail]) => `${name}: ${typeof detail.message === 'string' ? detail.message : detail.status}`,
      )
      .join('; ') || 'unknown'
  );
}

function summarize(result: HealthCheckResult): Record<string, string> {
  return Object.fromEntries(
    Object.entries(result.details ?? {}).map(([name, detail]) => [name, detail.status]),
  );
}
