import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { MODEL_NAME_PATTERN, MODEL_VERSION_PATTERN } from './model-registration.dto';

const NAME = { type: String, pattern: MODEL_NAME_PATTERN.source, maxLength: 128 };
const VERSION = { type: String, pattern: MODEL_VERSION_PATTERN.source, maxLength: 64 };

/** Discovery filters, with the registry's name and version rules. Any other query parameter is rejected. */
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
}
