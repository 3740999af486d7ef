import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumberString, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
    type: String,
    pattern: '^[0-9]{1,4}$',
    description: `Opt-in pagination: at most this many (1-${MAX_PAGE_SIZE}); a Link header with rel="next" announces the next page`,
  })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  @Matches(/^[0-9]{1,4}$/)
  'page-size'?: string;

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
