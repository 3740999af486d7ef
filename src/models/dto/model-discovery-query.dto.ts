import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_TEXT_LENGTH } from './model-registration.dto';

/** Discovery filters. Any other query parameter is rejected. */
export class ModelDiscoveryQueryDto {
  @ApiPropertyOptional({ name: 'model-name', description: 'Exact model name' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT_LENGTH)
  'model-name'?: string;

  @ApiPropertyOptional({ name: 'model-version', description: 'Exact model version' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT_LENGTH)
  'model-version'?: string;

  @ApiPropertyOptional({ description: 'Alias of model-name' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT_LENGTH)
  modelName?: string;

  @ApiPropertyOptional({ description: 'Alias of model-version' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT_LENGTH)
  modelVersion?: string;
}
