import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { AgentFailedException } from './agent-failed.exception';

/** Renders {@link AgentFailedException} as the 502 failure envelope; other errors go on to the global filter. */
@Catch(AgentFailedException)
export class AgentFailedFilter implements ExceptionFilter<AgentFailedException> {
  catch(exception: AgentFailedException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(HttpStatus.BAD_GATEWAY).json(exception.envelope);
  }
}
