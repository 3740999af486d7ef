import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { allowedMethods } from './allowed-methods';
import { DomainException } from './domain.exception';
import { isDatabaseUnavailable } from './database-errors';
import { PROBLEM_CONTENT_TYPE, problemDetails, ProblemDetails } from './problem-details';
import { requestPath } from '../http/request-path';

/** Fastify's own errors (parsing, routing) carry a code that says what went wrong. */
interface FrameworkError {
  code?: string;
  message?: string;
}

/** Turns every failure into RFC 9457 problem details; unknown errors become a 500 that leaks nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const path = requestPath(request.url);
    // An unrouted request is a 404, or a 405 on a known path, even when Fastify refused it first
    // (a QUERY without Content-Type is its 400 before the not-found handler runs). The service's own
    // refusals (an API key the docs need) stay as they are.
    if (request.is404 && exception instanceof HttpException && !(exception instanceof NotFoundException))
      exception = new NotFoundException(`Cannot ${request.method} ${request.url}`);
    // Nest answers an unrouted request with a NotFoundException; a known path with a wrong method is a 405.
    const allowed =
      exception instanceof NotFoundException
        ? allowedMethods(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), path)
        : [];
    const problem =
      allowed.length > 0
        ? problemDetails(HttpStatus.METHOD_NOT_ALLOWED, `${request.method} is not allowed here`, path)
        : this.toProblem(exception, request, path);
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    if (exception instanceof DomainException) reply.headers(exception.headers);
    if (allowed.length > 0) reply.header('Allow', allowed.join(', '));
    reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: FastifyRequest, instance: string): ProblemDetails {
    if (exception instanceof DomainException)
      return problemDetails(exception.status, exception.detail, instance);
    if (exception instanceof HttpException) {
      // Nest maps Fastify's errors (body too large, malformed URL) to HttpExceptions whose cause says what went wrong.
      const cause = exception.cause as FrameworkError | undefined;
      const detail = cause?.code ? frameworkErrorDetail(cause) : httpExceptionDetail(exception);
      return problemDetails(exception.getStatus(), detail, instance);
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
      return problemDetails(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is unavailable; retry later',
        instance,
      );
    }
    const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
    this.logger.error(
      { err: exception, correlationId, method: request.method, path: instance },
      'Unhandled error while serving a request',
    );
    return {
      ...problemDetails(
        HttpStatus.INTERNAL_SERVER_ERROR,
        `Internal error; correlation id ${correlationId}`,
        instance,
      ),
      correlationId,
    };
  }
}

function httpExceptionDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

function frameworkErrorDetail(error: FrameworkError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the limit';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The request body is not as long as its Content-Length says';
    default:
      return error.message ?? 'The request could not be read';
  }
}
