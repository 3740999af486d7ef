import { ApiProperty } from '@nestjs/swagger';
import { ApiExtraStringProperties } from '../../common/extra-properties.decorator';
import { EXAMPLE_MODEL, EXAMPLE_REGISTRATION_ID } from '../../common/openapi-examples';
import {
  CUSTOM_METADATA,
  CUSTOM_METADATA_DESCRIPTION,
  EXAMPLE_METADATA,
  EXAMPLE_TARGET_ENVIRONMENT,
} from './model-registration.dto';

/**
 * Response shapes. Exactly these fields, and the custom metadata keys: the target environment's id and
 * foreign key never appear. The examples are what the registration example of the document answers.
 */
export class ModelIdResponseDto {
  @ApiProperty({ description: 'The model name', example: EXAMPLE_MODEL.modelName })
  modelName: string;

  @ApiProperty({ description: 'The model version', example: EXAMPLE_MODEL.modelVersion })
  modelVersion: string;

  @ApiProperty({
    description: 'The current archive: "0.0.0" until the first upload, then the latest upload\'s (or as set)',
    example: '0.0.0',
  })
  artifactVersion: string;
}

@ApiExtraStringProperties(CUSTOM_METADATA, CUSTOM_METADATA_DESCRIPTION, EXAMPLE_METADATA)
export class ModelMetadataResponseDto {
  @ApiProperty({ description: 'Who made the model', example: EXAMPLE_METADATA.author })
  author: string;

  @ApiProperty({
    description: 'Who is responsible for it; "" when none was given',
    example: EXAMPLE_METADATA.owner,
  })
  owner: string;

  /** Custom metadata, after author and owner. */
  [key: string]: string;
}

export class TargetEnvironmentResponseDto {
  @ApiProperty({
    description: 'Where the model can be deployed',
    example: EXAMPLE_TARGET_ENVIRONMENT.platformName,
  })
  platformName: string;

  @ApiProperty({
    description: 'The kind of environment',
    example: EXAMPLE_TARGET_ENVIRONMENT.environmentType,
  })
  environmentType: string;

  @ApiProperty({
    description: 'What the model needs there',
    example: EXAMPLE_TARGET_ENVIRONMENT.dependencyList,
  })
  dependencyList: string;
}

export class ModelInformationResponseDto {
  @ApiProperty({ type: () => ModelMetadataResponseDto, description: 'Author, owner and custom metadata' })
  metadata: ModelMetadataResponseDto;

  @ApiProperty({ description: "The model's input features", example: 'pdcpBytesDl,pdcpBytesUl' })
  inputDataType: string;

  @ApiProperty({ description: "The model's output", example: 'cellLoadForecast' })
  outputDataType: string;

  @ApiProperty({
    type: () => [TargetEnvironmentResponseDto],
    description: 'Where the model can be deployed, in the order registered; [] when none',
  })
  targetEnvironment: TargetEnvironmentResponseDto[];
}

export class ModelRelatedInformationResponseDto {
  @ApiProperty({
    description: 'The registration id, assigned by the service',
    example: EXAMPLE_REGISTRATION_ID,
  })
  id: string;

  @ApiProperty({ type: () => ModelIdResponseDto, description: 'Name, version and current artifact version' })
  modelId: ModelIdResponseDto;

  @ApiProperty({ description: 'What the model does', example: 'Forecasts cell load from PDCP traffic' })
  description: string;

  @ApiProperty({
    type: () => ModelInformationResponseDto,
    description: 'Metadata, data types and target environments',
  })
  modelInformation: ModelInformationResponseDto;

  @ApiProperty({
    description: 'Where the model is kept outside this service; "" when not given',
    example: '',
  })
  modelLocation: string;
}

/** `POST .../model-registrations` answer. */
export class ModelRegisteredResponseDto {
  @ApiProperty({ type: () => ModelRelatedInformationResponseDto, description: 'The new registration' })
  modelInfo: ModelRelatedInformationResponseDto;
}

/** `PUT .../model-registrations/{id}` answer; lower-case "i" as the Go service has it. */
export class ModelUpdatedResponseDto {
  @ApiProperty({
    type: () => ModelRelatedInformationResponseDto,
    description: 'The registration as now stored',
  })
  modelinfo: ModelRelatedInformationResponseDto;
}
