import type { ModelMetadataResponseDto, ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import type { ModelMetadata, ModelRelatedInformation } from './entities/model-related-information.entity';

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
      metadata: toMetadataResponse(modelInformation.metadata),
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

/**
 * author and owner first, then the custom keys in key order: jsonb keeps no order of its own that a
 * client would expect (it puts shorter keys first).
 */
function toMetadataResponse(metadata: ModelMetadata): ModelMetadataResponseDto {
  const response: ModelMetadataResponseDto = { author: metadata.author, owner: metadata.owner };
  for (const key of Object.keys(metadata.custom).sort()) response[key] = metadata.custom[key];
  return response;
}
