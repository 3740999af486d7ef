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
import { ExtraStringProperties, ExtraStringPropertiesRule } from '../../common/extra-properties.decorator';
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

/**
 * Custom metadata: keys beside author and owner that clients add (e.g. `algorithm`). The Go service
 * accepted and dropped them; they are stored and returned.
 */
export const CUSTOM_METADATA: ExtraStringPropertiesRule = {
  declared: ['author', 'owner'],
  maxCount: 32,
  keyPattern: /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
  maxLength: 1024,
};

export const CUSTOM_METADATA_DESCRIPTION =
  `Besides author and owner, up to ${CUSTOM_METADATA.maxCount} custom keys matching ` +
  `${CUSTOM_METADATA.keyPattern.source}, each a string of at most ${CUSTOM_METADATA.maxLength} characters: ` +
  'stored, and returned after author and owner in key order. A PUT replaces them.';

@ExtraStringProperties(CUSTOM_METADATA, CUSTOM_METADATA_DESCRIPTION)
export class ModelMetadataDto {
  @RequiredText()
  author: string;

  @OptionalText()
  owner?: string | null;
}

/** The custom metadata of a validated body (the validation pipe admitted each key: a string). */
export function customMetadata(metadata: ModelMetadataDto): Record<string, string> {
  const entries = Object.entries(metadata as object) as [string, string][];
  return Object.fromEntries(entries.filter(([key]) => !CUSTOM_METADATA.declared.includes(key)));
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
