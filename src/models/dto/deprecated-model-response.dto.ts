import { ModelRelatedInformationResponseDto } from './model-response.dto';

/** `updateArtifact` answer; lower-case "i" as the Go service has it. */
export class ArtifactVersionUpdatedResponseDto {
  modelinfo: ModelRelatedInformationResponseDto;
}

export class ModelInfoByNameDto {
  /** @example "qoe-predictor" */
  name: string;
  /** JSON text of the model's registrations (an array of resources), as upstream returned it. @example "[]" */
  data: string;
}

/** `getModelInfo/{modelName}` answer. */
export class ModelInfoByNameResponseDto {
  /** @example 200 */
  code: number;
  message: ModelInfoByNameDto;
}
