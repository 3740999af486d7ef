import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const MAX_TEXT_LENGTH = 4096;

/**
 * PostgreSQL text cannot hold NUL; the validation pipe refuses it everywhere, the document says so.
 * Every text field also has an example: Swagger UI would otherwise fill it from this pattern with
 * random characters.
 */
export const NO_NUL = '^[^\\x00]*$';

/** The document's words for the field; tool arguments, which the document does not show, need none. */
export interface TextOptions {
  readonly description?: string;
  readonly example?: string;
  readonly maxLength?: number;
}

/** A required, non-empty string of bounded length; the OpenAPI document says so too. */
export function RequiredText({
  description,
  example,
  maxLength = MAX_TEXT_LENGTH,
}: TextOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, description, example, minLength: 1, maxLength, pattern: NO_NUL }),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
}

/** An optional string (absent, null or empty are all fine) of bounded length. */
export function OptionalText({
  description,
  example,
  maxLength = MAX_TEXT_LENGTH,
}: TextOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, description, example, maxLength, nullable: true, pattern: NO_NUL }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}
