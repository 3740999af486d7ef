import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ResourceConflictException } from '../common/domain.exception';
import { isUniqueViolation } from '../common/database-errors';
import { ModelRelatedInformation } from './entities/model-related-information.entity';
import { TargetEnvironment } from './entities/target-environment.entity';

/** The stored fields of a registration, as the service decides them. */
export interface ModelFields {
  modelName: string;
  modelVersion: string;
  artifactVersion: string;
  description: string;
  author: string;
  owner: string;
  inputDataType: string;
  outputDataType: string;
  modelLocation: string;
}

export interface TargetEnvironmentFields {
  platformName: string;
  environmentType: string;
  dependencyList: string;
}

/** A registration's primary key: where a page continues from. */
export interface ModelKey {
  modelName: string;
  modelVersion: string;
}

export interface ModelFilter {
  modelName?: string;
  modelVersion?: string;
}

/** What an update decides from the locked, stored registration. */
export interface ModelChange {
  fields: ModelFields;
  /** `undefined` keeps the stored list. */
  environments?: TargetEnvironmentFields[];
}

/** The only place that talks to TypeORM about registrations. Every read loads environments in one query. */
@Injectable()
export class ModelRegistrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, manager = this.dataSource.manager): Promise<ModelRelatedInformation | null> {
    const [model] = await read(manager, READS.byId, [id]);
    return model ?? null;
  }

  /** A cheap existence check (no environments loaded). */
  async existsById(id: string): Promise<boolean> {
    return this.dataSource.getRepository(ModelRelatedInformation).existsBy({ id });
  }

  async findByNameAndVersion(
    modelName: string,
    modelVersion: string,
  ): Promise<ModelRelatedInformation | null> {
    const [model] = await read(this.dataSource.manager, READS.byKey, [modelName, modelVersion]);
    return model ?? null;
  }

  findMany(filter: ModelFilter): Promise<ModelRelatedInformation[]> {
    return read(this.dataSource.manager, READS.filtered, [
      filter.modelName ?? null,
      filter.modelVersion ?? null,
    ]);
  }

  /**
   * One page in (name, version) order, keyset-paginated: the page's keys come from the primary-key
   * index (cost flat in the table's size), then the page is loaded with its environments. Two
   * statements whatever the page size. `hasMore` says whether a next page exists.
   */
  async findPage(
    filter: ModelFilter,
    size: number,
    after?: ModelKey,
  ): Promise<{ models: ModelRelatedInformation[]; hasMore: boolean }> {
    const keys = this.dataSource.manager
      .createQueryBuilder(ModelRelatedInformation, 'm')
      .select('m.id', 'id')
      .orderBy('m.model_name', 'ASC')
      .addOrderBy('m.model_version', 'ASC')
      .limit(size + 1);
    if (filter.modelName !== undefined) keys.andWhere('m.model_name = :name', { name: filter.modelName });
    if (filter.modelVersion !== undefined) {
      keys.andWhere('m.model_version = :version', { version: filter.modelVersion });
    }
    if (after) {
      keys.andWhere('(m.model_name, m.model_version) > (:afterName, :afterVersion)', {
        afterName: after.modelName,
        afterVersion: after.modelVersion,
      });
    }
    const ids = (await keys.getRawMany<{ id: string }>()).map((row) => row.id);
    const pageIds = ids.slice(0, size);
    const models = pageIds.length === 0 ? [] : await read(this.dataSource.manager, READS.byIds, [pageIds]);
    return { models, hasMore: ids.length > size };
  }

  /** Inserts a registration with its environments; a taken name+version is a conflict. */
  async create(
    fields: ModelFields,
    environments: TargetEnvironmentFields[],
  ): Promise<ModelRelatedInformation> {
    const model = { ...toEntity(randomUUID(), fields), targetEnvironments: [] as TargetEnvironment[] };
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(ModelRelatedInformation, toEntity(model.id, fields));
        model.targetEnvironments = await this.insertEnvironments(manager, model.id, environments);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ResourceConflictException(
          `A model named ${fields.modelName} with version ${fields.modelVersion} is already registered`,
        );
      }
      throw error;
    }
    return model;
  }

  /**
   * Locks the registration, lets `decide` compute the change from what is stored, and applies it,
   * all in one transaction. Returns null when there is no such registration.
   */
  async update(
    id: string,
    decide: (stored: ModelRelatedInformation) => ModelChange,
  ): Promise<ModelRelatedInformation | null> {
    return this.dataSource.transaction(async (manager) => {
      const [stored] = await read(manager, READS.byIdForUpdate, [id]);
      if (!stored) return null;
      const change = decide(stored);
      await manager.update(ModelRelatedInformation, { id }, toEntity(id, change.fields));
      let environments = stored.targetEnvironments;
      if (change.environments) {
        await manager.delete(TargetEnvironment, { modelRelatedInformationId: id });
        environments = await this.insertEnvironments(manager, id, change.environments);
      }
      return { ...toEntity(id, change.fields), targetEnvironments: environments };
    });
  }

  /**
   * For another repository's transaction (an upload, a delete): locks the registration and loads it
   * in one statement; null when there is none. The lock lasts until that transaction ends.
   */
  async lockByKey(manager: EntityManager, key: ModelKey): Promise<ModelRelatedInformation | null> {
    const [model] = await read(manager, READS.byKeyForUpdate, [key.modelName, key.modelVersion]);
    return model ?? null;
  }

  async lockById(manager: EntityManager, id: string): Promise<ModelRelatedInformation | null> {
    const [model] = await read(manager, READS.byIdForUpdate, [id]);
    return model ?? null;
  }

  /** Within the caller's transaction; the registration must exist (locked by the caller). */
  async updateArtifactVersion(manager: EntityManager, id: string, artifactVersion: string): Promise<void> {
    await manager.update(ModelRelatedInformation, { id }, { modelId: { artifactVersion } });
  }

  /** Within the caller's transaction; target environments go with it (ON DELETE CASCADE). */
  async deleteById(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(ModelRelatedInformation, { id });
  }

  /** Sets the artifact version alone; null when there is no such registration. */
  async setArtifactVersion(
    modelName: string,
    modelVersion: string,
    artifactVersion: string,
  ): Promise<ModelRelatedInformation | null> {
    return this.dataSource.transaction(async (manager) => {
      const where = { modelId: { modelName, modelVersion } };
      const result = await manager.update(ModelRelatedInformation, where, { modelId: { artifactVersion } });
      if ((result.affected ?? 0) === 0) return null;
      const [model] = await read(manager, READS.byKey, [modelName, modelVersion]);
      return model;
    });
  }

  private async insertEnvironments(
    manager: EntityManager,
    modelId: string,
    environments: TargetEnvironmentFields[],
  ): Promise<TargetEnvironment[]> {
    const entities = toEnvironmentEntities(modelId, environments);
    if (entities.length > 0) await manager.insert(TargetEnvironment, entities);
    return entities;
  }
}

function toEntity(id: string, fields: ModelFields): ModelRelatedInformation {
  return {
    id,
    modelId: {
      modelName: fields.modelName,
      modelVersion: fields.modelVersion,
      artifactVersion: fields.artifactVersion,
    },
    description: fields.description,
    modelInformation: {
      metadata: { author: fields.author, owner: fields.owner },
      inputDataType: fields.inputDataType,
      outputDataType: fields.outputDataType,
    },
    modelLocation: fields.modelLocation,
  } as ModelRelatedInformation;
}

function toEnvironmentEntities(
  modelId: string,
  environments: TargetEnvironmentFields[],
): TargetEnvironment[] {
  return environments.map((environment, position) => ({
    id: randomUUID(),
    modelRelatedInformationId: modelId,
    platformName: environment.platformName,
    environmentType: environment.environmentType,
    dependencyList: environment.dependencyList,
    position,
  }));
}

/**
 * Reads are the hot path (the Training Manager and serving look models up on every job): one lean,
 * parameterised query each and a hand-written row mapper. TypeORM's find() built the SQL anew and
 * hydrated joined rows per request, which the benchmark profile put at 26-39% of the CPU.
 */
const SELECT_MODELS = `
  SELECT m.id, m.model_name, m.model_version, m.artifact_version, m.description, m.author, m.owner,
         m.input_data_type, m.output_data_type, m.model_location,
         t.id AS environment_id, t.platform_name, t.environment_type, t.dependency_list, t.position
  FROM model_related_informations m
  LEFT JOIN target_environments t ON t.model_related_information_id = m.id`;
const ORDER_MODELS = 'ORDER BY m.model_name, m.model_version, t.position, t.id';

const READS = {
  byId: `${SELECT_MODELS} WHERE m.id = $1 ${ORDER_MODELS}`,
  // Locks the registration row (not its environments) for a read-modify-write.
  byIdForUpdate: `${SELECT_MODELS} WHERE m.id = $1 ${ORDER_MODELS} FOR UPDATE OF m`,
  byKeyForUpdate: `${SELECT_MODELS} WHERE m.model_name = $1 AND m.model_version = $2 ${ORDER_MODELS} FOR UPDATE OF m`,
  byKey: `${SELECT_MODELS} WHERE m.model_name = $1 AND m.model_version = $2 ${ORDER_MODELS}`,
  filtered: `${SELECT_MODELS}
    WHERE ($1::text IS NULL OR m.model_name = $1) AND ($2::text IS NULL OR m.model_version = $2) ${ORDER_MODELS}`,
  byIds: `${SELECT_MODELS} WHERE m.id = ANY($1::text[]) ${ORDER_MODELS}`,
} as const;

interface ModelRow {
  id: string;
  model_name: string;
  model_version: string;
  artifact_version: string;
  description: string;
  author: string;
  owner: string;
  input_data_type: string;
  output_data_type: string;
  model_location: string;
  environment_id: string | null;
  platform_name: string;
  environment_type: string;
  dependency_list: string;
  position: number;
}

async function read(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<ModelRelatedInformation[]> {
  return toModels(await manager.query<ModelRow[]>(sql, parameters));
}

/** Rows arrive ordered by registration, so each registration's environments are contiguous. */
function toModels(rows: ModelRow[]): ModelRelatedInformation[] {
  const models: ModelRelatedInformation[] = [];
  let current: ModelRelatedInformation | undefined;
  for (const row of rows) {
    if (current?.id !== row.id) {
      current = {
        id: row.id,
        modelId: {
          modelName: row.model_name,
          modelVersion: row.model_version,
          artifactVersion: row.artifact_version,
        },
        description: row.description,
        modelInformation: {
          metadata: { author: row.author, owner: row.owner },
          inputDataType: row.input_data_type,
          outputDataType: row.output_data_type,
        },
        modelLocation: row.model_location,
        targetEnvironments: [],
      };
      models.push(current);
    }
    if (row.environment_id !== null) {
      current.targetEnvironments.push({
        id: row.environment_id,
        modelRelatedInformationId: row.id,
        platformName: row.platform_name,
        environmentType: row.environment_type,
        dependencyList: row.dependency_list,
        position: row.position,
      });
    }
  }
  return models;
}
