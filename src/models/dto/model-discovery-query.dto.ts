import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MODEL_NAME_PATTERN, MODEL_VERSION_PATTERN } from './model-registration.dto';

const NAME = { type: String, pattern: MODEL_NAME_PATTERN.source, maxLength: 128 };
const VERSION = { type: String, pattern: MODEL_VERSION_PATTERN.source, maxLength: 64 };

export const MAX_PAGE_SIZE = 1000;

/**
 * Discovery filters, with the registry's name and version rules, and opt-in keyset pagination.
 * Any other query parameter is rejected.
 */
export class ModelDiscoveryQueryDto {
  @ApiPropertyOptional({ ...NAME, name: 'model-name', description: 'Exact model name' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_NAME_PATTERN)
  'model-name'?: string;

  @ApiPropertyOptional({ ...VERSION, name: 'model-version', description: 'Exact model version' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  'model-version'?: string;

  @ApiPropertyOptional({ ...NAME, description: 'Alias of model-name' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_NAME_PATTERN)
  modelName?: string;

  @ApiPropertyOptional({ ...VERSION, description: 'Alias of model-version' })
  @IsOptional()
  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  modelVersion?: string;

  @ApiPropertyOptional({
    name: 'page-size',
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    description:
      'Opt-in pagination: at most this many; a Link header with rel="next" announces the next page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  'page-size'?: number;

  @ApiPropertyOptional({
    name: 'page-token',
    type: String,
    maxLength: 512,
    description: "Where the page starts: the token from the previous page's Link header",
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  'page-token'?: string;
}
