import type { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import type { ModelRelatedInformation } from './entities/model-related-information.entity';

/** Entity → response, field by field: nothing stored but not part of the contract can leak. */
export function toModelResponse(model: ModelRelatedInformation): ModelRelatedInformationResponseDto {
  const { modelId, modelInformation } = model;
  return {
    id: model.id,
    modelId: {
      modelName: modelId.modelName,
      modelVersion: modelId.modelVersion,
      artifactVersion: modelId.artifactVersion,
    },
    description: model.description,
    modelInformation: {
      metadata: { author: modelInformation.metadata.author, owner: modelInformation.metadata.owner },
      inputDataType: modelInformation.inputDataType,
      outputDataType: modelInformation.outputDataType,
      targetEnvironment: (model.targetEnvironments ?? []).map((environment) => ({
        platformName: environment.platformName,
        environmentType: environment.environmentType,
        dependencyList: environment.dependencyList,
      })),
    },
    modelLocation: model.modelLocation,
  };
}
