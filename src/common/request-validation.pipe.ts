import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationTypes } from 'class-validator';
import type { ValidatorOptions } from 'class-validator';
import { InvalidRequestException } from './domain.exception';
import { admitExtraProperties, EXTRA_PROPERTY } from './extra-properties.decorator';
import { findUnsafeContent, wasInspected } from './json-content.inspector';

/**
 * The one validation pipe: strict (unknown fields rejected, no implicit conversion) and with a
 * detail that names every offending field by its JSON path.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      // The value tells a missing field from a wrong one and lets extra keys be judged
      // (admitExtraProperties); it never reaches the response.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new InvalidRequestException(describeValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata) && !isPlainObject(value)) {
      throw new InvalidRequestException('The request body must be a JSON object');
    }
    // JSON bodies were walked right after parsing; the rest (queries, paths, tool arguments) here.
    if (metadata.type !== 'custom' && !wasInspected(value)) {
      const unsafe = findUnsafeContent(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (unsafe) throw new InvalidRequestException(unsafe);
    }
    return super.transform(value, metadata);
  }

  /** class-validator, then the extra keys that a DTO class admits (ExtraStringProperties) judged. */
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return admitExtraProperties(object, await super.validate(object, options));
  }
}

export function describeValidationErrors(errors: ValidationError[]): string {
  return flatten(errors, '').join('; ');
}

function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = mostFundamental(error);
    return [...(message ? [`${path}: ${message}`] : []), ...flatten(error.children ?? [], path)];
  });
}

/**
 * Type errors first: "must be an integer number" says more than the range check that also failed on
 * `abc` (which became NaN), and "must be a string" more than the length check that failed on a number.
 */
const CONSTRAINT_PRIORITY = ['isDefined', 'isArray', 'isObject', 'isString', 'isInt', 'isNotEmpty'];

function mostFundamental(error: ValidationError): string | undefined {
  const { constraints } = error;
  if (!constraints) return undefined;
  // A key that should not be there, or an extra key judged by its own rule: whatever its value.
  const ownMessage = constraints[ValidationTypes.WHITELIST] ?? constraints[EXTRA_PROPERTY];
  if (ownMessage !== undefined) return ownMessage;
  // Optional fields never fail when absent, so a failing absent one is a required field left out.
  if (error.value === undefined || error.value === null) return `${error.property} is required`;
  const first = CONSTRAINT_PRIORITY.find((name) => name in constraints);
  return first ? constraints[first] : Object.values(constraints)[0];
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
