import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const MAX_TEXT_LENGTH = 4096;

/** PostgreSQL text cannot hold NUL; the validation pipe refuses it everywhere, the document says so. */
export const NO_NUL = '^[^\\x00]*$';

/** A required, non-empty string of bounded length; the OpenAPI document says so too. */
export function RequiredText(maxLength = MAX_TEXT_LENGTH): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength, pattern: NO_NUL }),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
}

/** An optional string (absent, null or empty are all fine) of bounded length. */
export function OptionalText(maxLength = MAX_TEXT_LENGTH): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, nullable: true, pattern: NO_NUL }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}
