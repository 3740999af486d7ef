import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainException } from './domain.exception';
import { isDatabaseUnavailable } from './database-errors';
import { PROBLEM_CONTENT_TYPE, problemDetails, ProblemDetails } from './problem-details';

/** Body-parser and similar middleware errors carry an HTTP status and a type. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

/** Turns every failure into RFC 9457 problem details; unknown errors become a 500 that leaks nothing. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: unknown }>();
    const response = context.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (exception instanceof DomainException) response.set(exception.headers);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request & { id?: unknown }): ProblemDetails {
    const instance = request.path;
    if (exception instanceof DomainException)
      return problemDetails(exception.status, exception.detail, instance);
    if (exception instanceof HttpException) {
      return problemDetails(exception.getStatus(), httpExceptionDetail(exception), instance);
    }
    const httpish = exception as HttpishError | undefined;
    const status = httpish?.status ?? httpish?.statusCode;
    if (httpish?.expose && typeof status === 'number' && status >= 400 && status < 500) {
      return problemDetails(status, middlewareErrorDetail(httpish, status), instance);
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

function middlewareErrorDetail(error: HttpishError, status: number): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return `Malformed JSON in the request body: ${error.message}`;
    case 'entity.too.large':
      return 'The request body is larger than the limit';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return `Unsupported request encoding: ${error.message}`;
    default:
      return error.message ?? `HTTP ${status}`;
  }
}
