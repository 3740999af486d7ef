import { Injectable } from '@nestjs/common';
import { InvalidRequestException, ResourceNotFoundException } from '../common/domain.exception';
import type { ModelDiscoveryQueryDto } from './dto/model-discovery-query.dto';
import type { ModelRegistrationDto } from './dto/model-registration.dto';
import type { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import type { ModelRelatedInformation } from './entities/model-related-information.entity';
import { toModelResponse } from './model.mapper';
import { ModelFields, ModelRegistrationRepository, TargetEnvironmentFields } from './model-registration.repository';

/** A new registration's artifact version, before any archive is uploaded. */
export const INITIAL_ARTIFACT_VERSION = '0.0.0';

@Injectable()
export class ModelsService {
  constructor(private readonly models: ModelRegistrationRepository) {}

  async register(dto: ModelRegistrationDto): Promise<ModelRelatedInformationResponseDto> {
    const fields = toFields(dto, INITIAL_ARTIFACT_VERSION);
    const created = await this.models.create(fields, toEnvironments(dto) ?? []);
    return toModelResponse(created);
  }

  async get(id: string): Promise<ModelRelatedInformationResponseDto> {
    return toModelResponse(await this.require(id));
  }

  /** The registration's entity, for in-process callers (artifacts) that need more than the response. */
  async findByNameAndVersion(modelName: string, modelVersion: string): Promise<ModelRelatedInformationResponseDto | null> {
    const model = await this.models.findByNameAndVersion(modelName, modelVersion);
    return model ? toModelResponse(model) : null;
  }

  /** Upstream semantics: the body replaces the stored fields; see SPEC §3 "Update semantics". */
  async update(id: string, dto: ModelRegistrationDto): Promise<ModelRelatedInformationResponseDto> {
    if (dto.id !== undefined && dto.id !== id) {
      throw new InvalidRequestException(`id in the body (${dto.id}) differs from the id in the path (${id})`);
    }
    const updated = await this.models.update(id, (stored) => {
      const { modelName, modelVersion, artifactVersion } = stored.modelId;
      if (dto.modelId.modelName !== modelName || dto.modelId.modelVersion !== modelVersion) {
        throw new InvalidRequestException(
          `modelId.modelName and modelId.modelVersion cannot change (stored: ${modelName} version ${modelVersion})`,
        );
      }
      return { fields: toFields(dto, dto.modelId.artifactVersion ?? artifactVersion), environments: toEnvironments(dto) };
    });
    if (!updated) throw notFound(id);
    return toModelResponse(updated);
  }

  async delete(id: string): Promise<void> {
    await this.models.deleteById(id);
  }

  /** Both name and version given and nothing matches: 404, as the Training Manager expects. */
  async discover(query: ModelDiscoveryQueryDto): Promise<ModelRelatedInformationResponseDto[]> {
    const modelName = query['model-name'] ?? query.modelName;
    const modelVersion = query['model-version'] ?? query.modelVersion;
    const models = await this.models.findMany({ modelName, modelVersion });
    if (models.length === 0 && modelName !== undefined && modelVersion !== undefined) {
      throw new ResourceNotFoundException(`No model named ${modelName} with version ${modelVersion} is registered`);
    }
    return models.map(toModelResponse);
  }

  private async require(id: string): Promise<ModelRelatedInformation> {
    const model = await this.models.findById(id);
    if (!model) throw notFound(id);
    return model;
  }
}

function notFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`No model registration with id ${id}`);
}

function toFields(dto: ModelRegistrationDto, artifactVersion: string): ModelFields {
  const { modelId, modelInformation } = dto;
  return {
    modelName: modelId.modelName,
    modelVersion: modelId.modelVersion,
    artifactVersion,
    description: dto.description,
    author: modelInformation.metadata.author,
    owner: modelInformation.metadata.owner ?? '',
    inputDataType: modelInformation.inputDataType,
    outputDataType: modelInformation.outputDataType,
    modelLocation: dto.modelLocation ?? '',
  };
}

/** `undefined` when the body has no list (absent or null). */
function toEnvironments(dto: ModelRegistrationDto): TargetEnvironmentFields[] | undefined {
  return dto.modelInformation.targetEnvironment?.map((environment) => ({
    platformName: environment.platformName,
    environmentType: environment.environmentType,
    dependencyList: environment.dependencyList,
  }));
}
