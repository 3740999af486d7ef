import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
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

  /** Inserts a registration with its environments; a taken name+version is a conflict. */
  async create(fields: ModelFields, environments: TargetEnvironmentFields[]): Promise<ModelRelatedInformation> {
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

  /** Idempotent: returns whether a registration was deleted. Environments go with it (ON DELETE CASCADE). */
  async deleteById(id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(ModelRelatedInformation, { id });
    return (result.affected ?? 0) > 0;
  }

  private findOne(
    manager: EntityManager,
    where: FindOptionsWhere<ModelRelatedInformation>,
  ): Promise<ModelRelatedInformation | null> {
    return manager.findOne(ModelRelatedInformation, { where, relations: { targetEnvironments: true }, order: ORDER });
  }

  private async insertEnvironments(
    manager: EntityManager,
    modelId: string,
    environments: TargetEnvironmentFields[],
  ): Promise<void> {
    if (environments.length > 0) await manager.insert(TargetEnvironment, toEnvironmentEntities(modelId, environments));
  }
}

function toEntity(id: string, fields: ModelFields): ModelRelatedInformation {
  return {
    id,
    modelId: { modelName: fields.modelName, modelVersion: fields.modelVersion, artifactVersion: fields.artifactVersion },
    description: fields.description,
    modelInformation: {
      metadata: { author: fields.author, owner: fields.owner },
      inputDataType: fields.inputDataType,
      outputDataType: fields.outputDataType,
    },
    modelLocation: fields.modelLocation,
  } as ModelRelatedInformation;
}

function toEnvironmentEntities(modelId: string, environments: TargetEnvironmentFields[]): TargetEnvironment[] {
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
