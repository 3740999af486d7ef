import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
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

const ORDER = {
  modelId: { modelName: 'ASC', modelVersion: 'ASC' },
  targetEnvironments: { position: 'ASC', id: 'ASC' },
} as const;

/** The only place that talks to TypeORM about registrations. Every read loads environments in one query. */
@Injectable()
export class ModelRegistrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<ModelRelatedInformation | null> {
    return this.findOne(this.dataSource.manager, { id });
  }

  findByNameAndVersion(modelName: string, modelVersion: string): Promise<ModelRelatedInformation | null> {
    return this.findOne(this.dataSource.manager, { modelId: { modelName, modelVersion } });
  }

  findMany(filter: ModelFilter): Promise<ModelRelatedInformation[]> {
    return this.dataSource.manager.find(ModelRelatedInformation, {
      where: { modelId: definedOnly({ modelName: filter.modelName, modelVersion: filter.modelVersion }) },
      relations: { targetEnvironments: true },
      order: ORDER,
    });
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
    const models =
      pageIds.length === 0
        ? []
        : await this.dataSource.manager.find(ModelRelatedInformation, {
            where: { id: In(pageIds) },
            relations: { targetEnvironments: true },
            order: ORDER,
          });
    return { models, hasMore: ids.length > size };
  }

  /** Inserts a registration with its environments; a taken name+version is a conflict. */
  async create(
    fields: ModelFields,
    environments: TargetEnvironmentFields[],
  ): Promise<ModelRelatedInformation> {
    const id = randomUUID();
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(ModelRelatedInformation, toEntity(id, fields));
        await this.insertEnvironments(manager, id, environments);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ResourceConflictException(
          `A model named ${fields.modelName} with version ${fields.modelVersion} is already registered`,
        );
      }
      throw error;
    }
    return { ...toEntity(id, fields), targetEnvironments: toEnvironmentEntities(id, environments) };
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
      const locked = await manager.findOne(ModelRelatedInformation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) return null;
      const stored = await this.findOne(manager, { id });
      const change = decide(stored!);
      await manager.update(ModelRelatedInformation, { id }, toEntity(id, change.fields));
      if (change.environments) {
        await manager.delete(TargetEnvironment, { modelRelatedInformationId: id });
        await this.insertEnvironments(manager, id, change.environments);
      }
      return this.findOne(manager, { id });
    });
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
      return (result.affected ?? 0) > 0 ? this.findOne(manager, where) : null;
    });
  }

  /** `where` names a unique key; find (not findOne) avoids TypeORM's extra distinct-id query for `take: 1`. */
  private async findOne(
    manager: EntityManager,
    where: FindOptionsWhere<ModelRelatedInformation>,
  ): Promise<ModelRelatedInformation | null> {
    const [model] = await manager.find(ModelRelatedInformation, {
      where,
      relations: { targetEnvironments: true },
      order: ORDER,
    });
    return model ?? null;
  }

  private async insertEnvironments(
    manager: EntityManager,
    modelId: string,
    environments: TargetEnvironmentFields[],
  ): Promise<void> {
    if (environments.length > 0)
      await manager.insert(TargetEnvironment, toEnvironmentEntities(modelId, environments));
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

/** TypeORM rejects undefined in a where clause; an absent filter means "any". */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
