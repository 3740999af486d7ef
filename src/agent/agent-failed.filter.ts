import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgentFailedException } from './agent-failed.exception';

/** Renders {@link AgentFailedException} as the 502 failure envelope; other errors go on to the global filter. */
@Catch(AgentFailedException)
export class AgentFailedFilter implements ExceptionFilter<AgentFailedException> {
  catch(exception: AgentFailedException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<FastifyReply>().code(HttpStatus.BAD_GATEWAY).send(exception.envelope);
  }
}
