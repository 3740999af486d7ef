import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

/** 416: the one range asked for lies outside the archive. */
export class RangeNotSatisfiableException extends DomainException {
  readonly status = HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE;

  constructor(readonly sizeBytes: number) {
    super(`The requested range lies outside the archive's ${sizeBytes} bytes`);
  }
}
