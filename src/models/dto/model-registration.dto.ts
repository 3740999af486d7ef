import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { OptionalText, RequiredText } from '../../common/text.decorators';

/** Names and versions become URL segments and storage keys. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const MODEL_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/**
 * The largest number an artifact version may hold: nine digits everywhere a version enters (path,
 * updateArtifact, PUT), so the next version is always computable; an upload past it is refused.
 */
export const MAX_ARTIFACT_VERSION_NUMBER = 999_999_999;
export const ARTIFACT_VERSION_PATTERN = /^(\d{1,9}\.\d{1,9}\.\d{1,9})?$/;

/** What the OpenAPI document says about the bound. */
export const ARTIFACT_VERSION_DESCRIPTION =
  `Three numbers, each 0-${MAX_ARTIFACT_VERSION_NUMBER}, joined by dots. An upload bumps the middle one; ` +
  `once it is ${MAX_ARTIFACT_VERSION_NUMBER} the next upload is refused with 409.`;

export const MAX_TARGET_ENVIRONMENTS = 64;

export class ModelIdDto {
  /** Letters, digits, '.', '_' and '-', starting with a letter or digit; at most 128 characters. */
  @ApiProperty({ pattern: MODEL_NAME_PATTERN.source, example: 'qoe-predictor' })
  @IsString()
  @Matches(MODEL_NAME_PATTERN)
  modelName: string;

  /** Letters, digits, '.', '_' and '-', starting with a letter or digit; at most 64 characters. */
  @ApiProperty({ pattern: MODEL_VERSION_PATTERN.source, example: '1' })
  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  modelVersion: string;

  /**
   * Ignored on registration (a new registration starts at "0.0.0"); on update it replaces the stored
   * one, and absent or null keeps it.
   */
  @ApiPropertyOptional({
    pattern: ARTIFACT_VERSION_PATTERN.source,
    description: `Empty, or: ${ARTIFACT_VERSION_DESCRIPTION}`,
    nullable: true,
    example: '1.0.0',
  })
  @IsOptional()
  @IsString()
  @Matches(ARTIFACT_VERSION_PATTERN, {
    message: `artifactVersion must be empty or look like 1.2.0 (three numbers, each 0-${MAX_ARTIFACT_VERSION_NUMBER})`,
  })
  artifactVersion?: string;
}

export class ModelMetadataDto {
  @RequiredText()
  author: string;

  @OptionalText()
  owner?: string | null;
}

export class TargetEnvironmentDto {
  @RequiredText()
  platformName: string;

  @RequiredText()
  environmentType: string;

  @RequiredText()
  dependencyList: string;
}

export class ModelInformationDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ModelMetadataDto)
  metadata: ModelMetadataDto;

  @RequiredText()
  inputDataType: string;

  @RequiredText()
  outputDataType: string;

  /** Absent or null: none on registration, the stored list kept on update; `[]` clears it. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TARGET_ENVIRONMENTS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TargetEnvironmentDto)
  targetEnvironment?: TargetEnvironmentDto[] | null;
}

/** The R1AP `ModelRelatedInformation` as clients send it, for registration and update. */
export class ModelRegistrationDto {
  /** Ignored on registration (the server assigns one); on update it must equal the path's id. */
  @OptionalText()
  id?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ModelIdDto)
  modelId: ModelIdDto;

  @RequiredText()
  description: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ModelInformationDto)
  modelInformation: ModelInformationDto;

  @OptionalText()
  modelLocation?: string | null;
}
