import { Injectable } from '@nestjs/common';
import { InvalidRequestException, ResourceNotFoundException } from '../common/domain.exception';
import { jsonArrayChunks } from '../common/json-chunks';
import type { ModelDiscoveryQueryDto } from './dto/model-discovery-query.dto';
import { customMetadata, type ModelRegistrationDto } from './dto/model-registration.dto';
import type { ModelRelatedInformationResponseDto } from './dto/model-response.dto';
import type { ModelRelatedInformation } from './entities/model-related-information.entity';
import { ModelListingCache } from './model-listing.cache';
import { toModelResponse } from './model.mapper';
import {
  ModelFields,
  ModelFilter,
  ModelKey,
  ModelRegistrationRepository,
  TargetEnvironmentFields,
} from './model-registration.repository';

/**
 * A listing under way: its first registration is already read (so that a failure or a 404 comes
 * before any answer starts); the rest arrive as `models` is iterated. Iterate it to the end or
 * return it: either releases the database connection behind it.
 */
export interface DiscoveryListing {
  models: AsyncIterableIterator<ModelRelatedInformationResponseDto>;
  /** Present when another page follows. */
  nextPageToken?: string;
}

/** A discovery answer as JSON: its text in pieces, or the bytes of a cached listing. */
export interface DiscoveryJson {
  json: AsyncIterable<string> | Buffer;
  /** Present when another page follows. */
  nextPageToken?: string;
}

const DEFAULT_PAGE_SIZE = 100;

/** A new registration's artifact version, before any archive is uploaded. */
export const INITIAL_ARTIFACT_VERSION = '0.0.0';

@Injectable()
export class ModelsService {
  constructor(
    private readonly models: ModelRegistrationRepository,
    private readonly listingCache: ModelListingCache,
  ) {}

  async register(dto: ModelRegistrationDto): Promise<ModelRelatedInformationResponseDto> {
    const fields = toFields(dto, INITIAL_ARTIFACT_VERSION);
    const created = await this.models.create(fields, toEnvironments(dto) ?? []);
    return toModelResponse(created);
  }

  async get(id: string): Promise<ModelRelatedInformationResponseDto> {
    return toModelResponse(await this.require(id));
  }

  /** Throws the 404 of an unknown id. */
  async requireExisting(id: string): Promise<void> {
    if (!(await this.models.existsById(id))) throw registrationNotFound(id);
  }

  /** The registration's entity, for in-process callers (artifacts) that need more than the response. */
  async findByNameAndVersion(
    modelName: string,
    modelVersion: string,
  ): Promise<ModelRelatedInformationResponseDto | null> {
    const model = await this.models.findByNameAndVersion(modelName, modelVersion);
    return model ? toModelResponse(model) : null;
  }

  /** Upstream semantics: the body replaces the stored fields; see SPEC §3 "Update semantics". */
  async update(id: string, dto: ModelRegistrationDto): Promise<ModelRelatedInformationResponseDto> {
    if (dto.id != null && dto.id !== id) {
      throw new InvalidRequestException(`id in the body (${dto.id}) differs from the id in the path (${id})`);
    }
    const updated = await this.models.update(id, (stored) => {
      const { modelName, modelVersion, artifactVersion } = stored.modelId;
      if (dto.modelId.modelName !== modelName || dto.modelId.modelVersion !== modelVersion) {
        throw new InvalidRequestException(
          `modelId.modelName and modelId.modelVersion cannot change (stored: ${modelName} version ${modelVersion})`,
        );
      }
      return {
        fields: toFields(dto, dto.modelId.artifactVersion ?? artifactVersion),
        environments: toEnvironments(dto),
      };
    });
    if (!updated) throw registrationNotFound(id);
    return toModelResponse(updated);
  }

  /** Deprecated `updateArtifact`: points the registration at an artifact version, uploaded or not (as upstream). */
  async setArtifactVersion(
    modelName: string,
    modelVersion: string,
    artifactVersion: string,
  ): Promise<ModelRelatedInformationResponseDto> {
    const updated = await this.models.setArtifactVersion(modelName, modelVersion, artifactVersion);
    if (!updated) throw notRegistered(modelName, modelVersion);
    return toModelResponse(updated);
  }

  /**
   * Deprecated `getModelInfo`: every version registered under the name, whose JSON text (`"[]"` when
   * none) goes in the answer's `data`. The caller writes the envelope (model-info.serializer.ts).
   */
  modelInfoByName(modelName: string): Promise<AsyncIterableIterator<ModelRelatedInformationResponseDto>> {
    return started(this.models.stream({ modelName }), toModelResponse);
  }

  /** Both name and version given and nothing matches: 404, as the Training Manager expects. */
  async discover(query: ModelDiscoveryQueryDto): Promise<ModelRelatedInformationResponseDto[]> {
    const models: ModelRelatedInformationResponseDto[] = [];
    for await (const model of (await this.discoverPage(query)).models) models.push(model);
    return models;
  }

  /**
   * Discovery's answer as JSON text. The whole registry (no filter, no page) comes from the listing
   * cache while the registry version it was read at is still the current one.
   */
  async discoverJson(query: ModelDiscoveryQueryDto): Promise<DiscoveryJson> {
    const { filter, paginated } = discoveryOf(query);
    const whole = !paginated && filter.modelName === undefined && filter.modelVersion === undefined;
    // Read before the listing's first statement: see ModelListingCache.keep.
    const version = whole && this.listingCache.enabled ? await this.models.registryVersion() : undefined;
    const cached = version === undefined ? undefined : this.listingCache.get(version);
    if (cached) return { json: cached };
    const page = await this.discoverPage(query);
    const json = jsonArrayChunks(page.models);
    return {
      json: version === undefined ? json : this.listingCache.keep(version, json),
      nextPageToken: page.nextPageToken,
    };
  }

  /**
   * Discovery with opt-in keyset pagination: without `page-size` and `page-token`, every match
   * (as upstream); with either, one page and the token of the next when there is one.
   */
  async discoverPage(query: ModelDiscoveryQueryDto): Promise<DiscoveryListing> {
    const { filter, paginated } = discoveryOf(query);
    const page = paginated
      ? await this.models.streamPage(
          filter,
          query['page-size'] ?? DEFAULT_PAGE_SIZE,
          decodePageToken(query['page-token']),
        )
      : { models: this.models.stream(filter), next: undefined };
    const models = await started(page.models, toModelResponse);
    if (models.empty && filter.modelName !== undefined && filter.modelVersion !== undefined) {
      throw notRegistered(filter.modelName, filter.modelVersion);
    }
    return { models, nextPageToken: page.next ? encodePageToken(page.next) : undefined };
  }

  private async require(id: string): Promise<ModelRelatedInformation> {
    const model = await this.models.findById(id);
    if (!model) throw registrationNotFound(id);
    return model;
  }
}

/** What a discovery query asks for: its filter (either spelling of each key), and whether a page. */
function discoveryOf(query: ModelDiscoveryQueryDto): { filter: ModelFilter; paginated: boolean } {
  return {
    filter: {
      modelName: query['model-name'] ?? query.modelName,
      modelVersion: query['model-version'] ?? query.modelVersion,
    },
    paginated: query['page-size'] !== undefined || query['page-token'] !== undefined,
  };
}

export function registrationNotFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`No model registration with id ${id}`);
}

export function notRegistered(modelName: string, modelVersion: string): ResourceNotFoundException {
  return new ResourceNotFoundException(
    `No model named ${modelName} with version ${modelVersion} is registered`,
  );
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
    customMetadata: customMetadata(modelInformation.metadata),
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

/** Opaque to clients: the key of the last registration of the previous page. */
function encodePageToken(key: ModelKey): string {
  return Buffer.from(JSON.stringify([key.modelName, key.modelVersion])).toString('base64url');
}

function decodePageToken(token: string | undefined): ModelKey | undefined {
  if (token === undefined) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      decoded.every((part) => typeof part === 'string' && !part.includes('\u0000'))
    ) {
      return { modelName: decoded[0] as string, modelVersion: decoded[1] as string };
    }
  } catch {
    // fall through: not a token this service made
  }
  throw invalidPageToken();
}

export function invalidPageToken(): InvalidRequestException {
  return new InvalidRequestException('page-token: not a token from a previous page');
}

/**
 * Reads the first item now, then hands out all of them mapped by `map`. Returning the result returns
 * the source (whose cursor closes), whether or not anything was read from it yet.
 */
async function started<T, U>(
  source: AsyncIterator<T>,
  map: (item: T) => U,
): Promise<AsyncIterableIterator<U> & { empty: boolean }> {
  let first: IteratorResult<T> | undefined = await source.next();
  const items: AsyncIterableIterator<U> & { empty: boolean } = {
    empty: first.done === true,
    async next(): Promise<IteratorResult<U>> {
      const result = first ?? (await source.next());
      first = undefined;
      return result.done ? { done: true, value: undefined } : { done: false, value: map(result.value) };
    },
    async return(): Promise<IteratorResult<U>> {
      first = undefined;
      await source.return?.(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => items,
  };
  return items;
}
