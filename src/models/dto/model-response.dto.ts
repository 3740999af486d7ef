import { ApiExtraStringProperties } from '../../common/extra-properties.decorator';
import { CUSTOM_METADATA, CUSTOM_METADATA_DESCRIPTION } from './model-registration.dto';

/**
 * Response shapes. Exactly these fields, and the custom metadata keys: the target environment's id and
 * foreign key never appear.
 */
export class ModelIdResponseDto {
  /** @example "qoe-predictor" */
  modelName: string;
  /** @example "1" */
  modelVersion: string;
  /** @example "0.0.0" */
  artifactVersion: string;
}

@ApiExtraStringProperties(CUSTOM_METADATA, CUSTOM_METADATA_DESCRIPTION)
export class ModelMetadataResponseDto {
  /** @example "alice" */
  author: string;
  /** @example "ran-team" */
  owner: string;
  /** Custom metadata, after author and owner. */
  [key: string]: string;
}

export class TargetEnvironmentResponseDto {
  /** @example "kserve" */
  platformName: string;
  /** @example "prod" */
  environmentType: string;
  /** @example "tensorflow=2.15" */
  dependencyList: string;
}

export class ModelInformationResponseDto {
  metadata: ModelMetadataResponseDto;
  /** @example "pdcpBytesDl,pdcpBytesUl" */
  inputDataType: string;
  /** @example "pdcpBytesDl,pdcpBytesUl" */
  outputDataType: string;
  targetEnvironment: TargetEnvironmentResponseDto[];
}

export class ModelRelatedInformationResponseDto {
  /** @example "8c6f1f0e-4a8e-4c55-9a57-3c1c7f3f2a10" */
  id: string;
  modelId: ModelIdResponseDto;
  /** @example "QoE prediction for cell traffic" */
  description: string;
  modelInformation: ModelInformationResponseDto;
  /** @example "" */
  modelLocation: string;
}

/** `POST .../model-registrations` answer. */
export class ModelRegisteredResponseDto {
  modelInfo: ModelRelatedInformationResponseDto;
}

/** `PUT .../model-registrations/{id}` answer; lower-case "i" as the Go service has it. */
export class ModelUpdatedResponseDto {
  modelinfo: ModelRelatedInformationResponseDto;
}
