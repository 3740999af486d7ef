import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ExtraStringProperties, ExtraStringPropertiesRule } from '../../common/extra-properties.decorator';
import { EXAMPLE_MODEL } from '../../common/openapi-examples';
import { MAX_TEXT_LENGTH, NO_NUL, OptionalText, RequiredText } from '../../common/text.decorators';

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

export const EXAMPLE_METADATA = { author: 'alice', owner: 'ran-team', algorithm: 'lstm' } as const;
export const EXAMPLE_TARGET_ENVIRONMENT = {
  platformName: 'kserve',
  environmentType: 'prod',
  dependencyList: 'tensorflow=2.15',
} as const;

export class ModelIdDto {
  @ApiProperty({
    pattern: MODEL_NAME_PATTERN.source,
    description: "Letters, digits, '.', '_' and '-', starting with a letter or digit; at most 128 characters",
    example: EXAMPLE_MODEL.modelName,
  })
  @IsString()
  @Matches(MODEL_NAME_PATTERN)
  modelName: string;

  @ApiProperty({
    pattern: MODEL_VERSION_PATTERN.source,
    description: "Letters, digits, '.', '_' and '-', starting with a letter or digit; at most 64 characters",
    example: EXAMPLE_MODEL.modelVersion,
  })
  @IsString()
  @Matches(MODEL_VERSION_PATTERN)
  modelVersion: string;

  // No example: a registration ignores it, and on an update an example would reset the stored one.
  @ApiPropertyOptional({
    type: String,
    pattern: ARTIFACT_VERSION_PATTERN.source,
    description:
      'Ignored on registration (a new registration starts at "0.0.0"); on update it replaces the stored ' +
      `one, and absent or null keeps it. Empty, or: ${ARTIFACT_VERSION_DESCRIPTION}`,
    nullable: true,
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

@ExtraStringProperties(CUSTOM_METADATA, CUSTOM_METADATA_DESCRIPTION, EXAMPLE_METADATA)
export class ModelMetadataDto {
  @RequiredText({ description: 'Who made the model', example: EXAMPLE_METADATA.author })
  author: string;

  @OptionalText({
    description: 'Who is responsible for it; absent or null stores ""',
    example: EXAMPLE_METADATA.owner,
  })
  owner?: string | null;
}

/** The custom metadata of a validated body (the validation pipe admitted each key: a string). */
export function customMetadata(metadata: ModelMetadataDto): Record<string, string> {
  const entries = Object.entries(metadata as object) as [string, string][];
  return Object.fromEntries(entries.filter(([key]) => !CUSTOM_METADATA.declared.includes(key)));
}

export class TargetEnvironmentDto {
  @RequiredText({
    description: 'Where the model can be deployed',
    example: EXAMPLE_TARGET_ENVIRONMENT.platformName,
  })
  platformName: string;

  @RequiredText({
    description: 'The kind of environment, e.g. prod or stg',
    example: EXAMPLE_TARGET_ENVIRONMENT.environmentType,
  })
  environmentType: string;

  @RequiredText({
    description: 'What the model needs there, free text',
    example: EXAMPLE_TARGET_ENVIRONMENT.dependencyList,
  })
  dependencyList: string;
}

export class ModelInformationDto {
  @ApiProperty({ type: () => ModelMetadataDto, description: 'Author, owner and custom metadata' })
  @IsObject()
  @ValidateNested()
  @Type(() => ModelMetadataDto)
  metadata: ModelMetadataDto;

  @RequiredText({
    description: "The model's input features, free text (AIMLFW uses a comma-separated list)",
    example: 'pdcpBytesDl,pdcpBytesUl',
  })
  inputDataType: string;

  @RequiredText({ description: "The model's output, free text", example: 'cellLoadForecast' })
  outputDataType: string;

  @ApiPropertyOptional({
    type: () => [TargetEnvironmentDto],
    nullable: true,
    maxItems: MAX_TARGET_ENVIRONMENTS,
    description: 'Absent or null: none on registration, the stored list kept on update; `[]` clears it',
  })
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
  // readOnly: the server assigns it; Swagger UI leaves it out of the bodies it makes, and fuzzers do
  // not take an id sent to POST for the new registration's.
  @ApiPropertyOptional({
    type: String,
    readOnly: true,
    description:
      "Assigned by the service: ignored on registration; on update, if sent, it must equal the path's id",
    maxLength: MAX_TEXT_LENGTH,
    nullable: true,
    pattern: NO_NUL,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT_LENGTH)
  id?: string;

  @ApiProperty({ type: () => ModelIdDto, description: 'Name and version: together they identify the model' })
  @IsObject()
  @ValidateNested()
  @Type(() => ModelIdDto)
  modelId: ModelIdDto;

  @RequiredText({ description: 'What the model does', example: 'Forecasts cell load from PDCP traffic' })
  description: string;

  @ApiProperty({
    type: () => ModelInformationDto,
    description: 'Metadata, data types and target environments',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ModelInformationDto)
  modelInformation: ModelInformationDto;

  @OptionalText({
    description: 'Where the model is kept outside this service, free text; absent or null stores ""',
    example: '',
  })
  modelLocation?: string | null;
}
