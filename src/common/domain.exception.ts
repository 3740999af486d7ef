import { HttpStatus } from '@nestjs/common';

/** A failure the domain expects; the global filter renders it as problem details with this status. */
export abstract class DomainException extends Error {
  abstract readonly status: HttpStatus;
  /** Extra response headers the failure calls for (e.g. WWW-Authenticate). */
  readonly headers: Record<string, string> = {};

  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ResourceNotFoundException extends DomainException {
  readonly status = HttpStatus.NOT_FOUND;
}

export class ResourceConflictException extends DomainException {
  readonly status = HttpStatus.CONFLICT;
}

export class InvalidRequestException extends DomainException {
  readonly status = HttpStatus.BAD_REQUEST;
}

export class UnsupportedMediaException extends DomainException {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
}

export class PayloadTooLargeException extends DomainException {
  readonly status = HttpStatus.PAYLOAD_TOO_LARGE;
}

export class TooManyRequestsException extends DomainException {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
}

/** A dependency (database, artifact store, LLM) cannot serve right now. */
export class DependencyUnavailableException extends DomainException {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
}

export class MissingApiKeyException extends DomainException {
  readonly status = HttpStatus.UNAUTHORIZED;
  override readonly headers = { 'WWW-Authenticate': 'Bearer realm="modelmgmtservice"' };
}
