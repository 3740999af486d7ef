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
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { allowedMethods } from './allowed-methods';
import { DomainException } from './domain.exception';
import { isDatabaseUnavailable } from './database-errors';
import { PROBLEM_CONTENT_TYPE, problemDetails, ProblemDetails } from './problem-details';

/** Body-parser errors carry a type that says what went wrong. */
interface MiddlewareError {
  type?: string;
  message?: string;
}

/** Turns every failure into RFC 9457 problem details; unknown errors become a 500 that leaks nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: unknown }>();
    const response = context.getResponse<Response>();
    // Nest answers an unrouted request with a NotFoundException; a known path with a wrong method is a 405.
    const allowed =
      exception instanceof NotFoundException
        ? allowedMethods(this.adapterHost.httpAdapter.getInstance(), request.path)
        : [];
    const problem =
      allowed.length > 0
        ? problemDetails(HttpStatus.METHOD_NOT_ALLOWED, `${request.method} is not allowed here`, request.path)
        : this.toProblem(exception, request);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (exception instanceof DomainException) response.set(exception.headers);
    if (allowed.length > 0) response.set('Allow', allowed.join(', '));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request & { id?: unknown }): ProblemDetails {
    const instance = request.path;
    if (exception instanceof DomainException)
      return problemDetails(exception.status, exception.detail, instance);
    if (exception instanceof HttpException) {
      // Nest maps body-parser failures to HttpExceptions whose cause says what went wrong.
      const cause = exception.cause as MiddlewareError | undefined;
      const detail = cause?.type ? middlewareErrorDetail(cause) : httpExceptionDetail(exception);
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

function middlewareErrorDetail(error: MiddlewareError): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return `Malformed JSON in the request body: ${error.message}`;
    case 'entity.too.large':
      return 'The request body is larger than the limit';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return `Unsupported request encoding: ${error.message}`;
    default:
      return error.message ?? 'The request could not be read';
  }
}
