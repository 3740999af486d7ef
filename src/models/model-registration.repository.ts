import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ResourceConflictException } from '../common/domain.exception';
import { isUniqueViolation } from '../common/database-errors';
import { NamedStatement, namedStatement, queryNamed } from '../database/named-statement';
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
  /** Keys beside author and owner. */
  customMetadata: Record<string, string>;
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

  /**
   * Every registration matching the filter, in (name, version) order, one at a time, read in batches
   * of bounded size; see {@link streamModels}.
   */
  stream(filter: ModelFilter): AsyncGenerator<ModelRelatedInformation> {
    const { modelName, modelVersion } = filter;
    // Name and version are the key: at most one registration, read by the plain primary-key query
    // rather than the weighed batches a listing needs.
    if (modelName !== undefined && modelVersion !== undefined)
      return readOne(this.dataSource.manager, READS.byKey, [modelName, modelVersion]);
    return streamModels(this.dataSource.manager, filter);
  }

  /**
   * A value that changes with every committed write to the registrations or their environments,
   * whoever makes it (this service, another replica, the Go service, an operator's SQL): see
   * REGISTRY_VERSION. Read before a listing's first statement, it dates the listing.
   */
  async registryVersion(): Promise<string> {
    const [row] = await queryNamed<{ version: string }>(this.dataSource.manager, REGISTRY_VERSION, []);
    return row.version;
  }

  /**
   * One page in (name, version) order, keyset-paginated: the page's keys come from the primary-key
   * index (cost flat in the table's size), then the page is streamed with its environments. Two
   * statements whatever the number of registrations (one more per batch past BATCH_BYTES). `next`
   * is where the next page starts, when there is one.
   */
  async streamPage(
    filter: ModelFilter,
    size: number,
    after?: ModelKey,
  ): Promise<{ models: AsyncGenerator<ModelRelatedInformation>; next?: ModelKey }> {
    const keys = this.dataSource.manager
      .createQueryBuilder(ModelRelatedInformation, 'm')
      .select('m.id', 'id')
      .addSelect('m.model_name', 'modelName')
      .addSelect('m.model_version', 'modelVersion')
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
    const rows = await keys.getRawMany<{ id: string } & ModelKey>();
    const page = rows.slice(0, size);
    const last = page.at(-1);
    return {
      models:
        page.length === 0
          ? noModels()
          : streamModels(this.dataSource.manager, { ids: page.map((row) => row.id) }),
      next:
        rows.length > size && last
          ? { modelName: last.modelName, modelVersion: last.modelVersion }
          : undefined,
    };
  }

  /**
   * Inserts a registration with its environments in one statement (one round trip, atomic without a
   * transaction of its own: registration is the hottest write); a taken name+version is a conflict.
   */
  async create(
    fields: ModelFields,
    environments: TargetEnvironmentFields[],
  ): Promise<ModelRelatedInformation> {
    const model = toEntity(randomUUID(), fields);
    model.targetEnvironments = toEnvironmentEntities(model.id, environments);
    const environment = (pick: (entity: TargetEnvironment) => string | number) =>
      model.targetEnvironments.map(pick);
    try {
      await queryNamed(this.dataSource.manager, INSERT_MODEL, [
        model.id,
        fields.modelName,
        fields.modelVersion,
        fields.artifactVersion,
        fields.description,
        fields.author,
        fields.owner,
        JSON.stringify(fields.customMetadata),
        fields.inputDataType,
        fields.outputDataType,
        fields.modelLocation,
        environment((e) => e.id),
        environment((e) => e.platformName),
        environment((e) => e.environmentType),
        environment((e) => e.dependencyList),
        environment((e) => e.position),
      ]);
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
      await queryNamed(manager, WEIGH_MODEL, [id]);
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
      metadata: { author: fields.author, owner: fields.owner, custom: fields.customMetadata },
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
const MODEL_COLUMNS = `m.id, m.model_name, m.model_version, m.artifact_version, m.description, m.author,
  m.owner, m.custom_metadata, m.input_data_type, m.output_data_type, m.model_location, e.environments`;
/**
 * A registration's environments as one JSON array per row, not one joined row each: a row per
 * environment repeated the registration's text, and decoding it three times over was the largest
 * part of a listing's CPU.
 */
const FROM_MODELS = `FROM model_related_informations m
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_array(t.id, t.platform_name, t.environment_type, t.dependency_list,
      t.position) ORDER BY t.position, t.id), '[]') AS environments
    FROM target_environments t WHERE t.model_related_information_id = m.id) e`;
const SELECT_MODELS = `SELECT ${MODEL_COLUMNS} ${FROM_MODELS}`;
const ORDER_MODELS = 'ORDER BY m.model_name, m.model_version';

const READS = {
  byId: namedStatement('model-by-id', `${SELECT_MODELS} WHERE m.id = $1 ${ORDER_MODELS}`),
  // Locks the registration row (not its environments) for a read-modify-write.
  byIdForUpdate: namedStatement(
    'model-by-id-for-update',
    `${SELECT_MODELS} WHERE m.id = $1 ${ORDER_MODELS} FOR UPDATE OF m`,
  ),
  byKeyForUpdate: namedStatement(
    'model-by-key-for-update',
    `${SELECT_MODELS} WHERE m.model_name = $1 AND m.model_version = $2 ${ORDER_MODELS} FOR UPDATE OF m`,
  ),
  byKey: namedStatement(
    'model-by-key',
    `${SELECT_MODELS} WHERE m.model_name = $1 AND m.model_version = $2 ${ORDER_MODELS}`,
  ),
};

/**
 * Every row version of both tables, (ctid, xmin), hashed and summed, with the row counts: any insert,
 * update or delete makes new row versions or removes some, so the value changes (a collision takes two
 * 64-bit sums agreeing by chance); a VACUUM that freezes or moves rows changes it too, harmlessly.
 * One snapshot for both tables. About 2 ms for 2,000 registrations and their 6,000 environments.
 */
const ROW_VERSIONS = (table: string) =>
  `(SELECT count(*) || ':' || coalesce(sum(hashtextextended(ctid::text || xmin::text, 0)), 0) FROM ${table})`;
const REGISTRY_VERSION = namedStatement(
  'registry-version',
  `SELECT ${ROW_VERSIONS('model_related_informations')} || '/' || ${ROW_VERSIONS('target_environments')} AS version`,
);

/** A weight saturates here (the column is an integer): far past what one batch holds. */
const MAX_LISTING_BYTES = 2147483647;

/**
 * A registration ($1-$11) and its environments (arrays $12-$16, possibly empty) in one statement,
 * with its listing weight (see LISTING_BYTES) computed from the same values.
 */
const INSERT_MODEL = namedStatement(
  'model-insert',
  `
  WITH model AS (
    INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description,
      author, owner, custom_metadata, input_data_type, output_data_type, model_location, listing_bytes)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, least(
      (octet_length($5::text) + octet_length($6::text) + octet_length($7::text) + octet_length($8::jsonb::text)
        + octet_length($9::text) + octet_length($10::text) + octet_length($11::text))::bigint
        * greatest(cardinality($12::text[]), 1)
      + (SELECT coalesce(sum(octet_length(x.p) + octet_length(x.e) + octet_length(x.d)), 0)
         FROM unnest($13::text[], $14::text[], $15::text[]) AS x(p, e, d)), ${MAX_LISTING_BYTES})))
  INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
    dependency_list, position)
  SELECT e.id, $1, e.platform_name, e.environment_type, e.dependency_list, e.position
  FROM unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::int[])
    AS e(id, platform_name, environment_type, dependency_list, position)`,
);

/** Registrations per listing batch, at most; and the stored bytes after which a batch ends. */
const BATCH_MODELS = 1000;
const BATCH_BYTES = 1024 * 1024;
const TEXT_BYTES = `octet_length(m.description) + octet_length(m.author) + octet_length(m.owner)
  + octet_length(m.custom_metadata::text) + octet_length(m.input_data_type) + octet_length(m.output_data_type)
  + octet_length(m.model_location)`;
/**
 * What a listing batch counts for registration m: its text once per environment (as joined rows
 * carried it before environments were aggregated), plus the environments' text; a bound on the
 * batch's size, on the safe side. Kept in `listing_bytes` by every write of ours; computed from
 * the rows for one written without it (by the Go service: AddListingBytes's triggers clear it).
 */
const LISTING_BYTES = `(SELECT least(coalesce(sum(octet_length(t.platform_name) + octet_length(t.environment_type)
    + octet_length(t.dependency_list)), 0) + (${TEXT_BYTES})::bigint * greatest(count(*), 1), ${MAX_LISTING_BYTES})
  FROM target_environments t WHERE t.model_related_information_id = m.id)`;

/** Weighs registration $1 anew, within the transaction that changed it. */
const WEIGH_MODEL = namedStatement(
  'model-weigh',
  `UPDATE model_related_informations m SET listing_bytes = ${LISTING_BYTES} WHERE m.id = $1`,
);

/** What a listing batch filters on; each combination is a statement of its own. */
interface BatchFilter extends ModelFilter {
  ids?: string[];
  after?: ModelKey;
}

/**
 * One listing batch: the registrations that match the filter, after the key `after` (from the first
 * without one), in key order, up to $2 and while the bytes before each (LISTING_BYTES) stay under
 * $1 (so at least one). `has_more` says whether registrations are left after the batch. The
 * filter's parameters follow, in the order of `batchQuery`.
 */
function batchText(conditions: string[]): string {
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return `
  WITH candidates AS (
    SELECT id, model_name, model_version,
           sum(bytes) OVER (ORDER BY model_name, model_version ROWS UNBOUNDED PRECEDING) - bytes AS bytes_before
    FROM (
      SELECT m.id, m.model_name, m.model_version, coalesce(m.listing_bytes, ${LISTING_BYTES})::int AS bytes
      FROM model_related_informations m
      ${where}
      ORDER BY m.model_name, m.model_version
      LIMIT $2::int + 1) weighed),
  batch AS (
    SELECT id FROM candidates WHERE bytes_before < $1 ORDER BY model_name, model_version LIMIT $2)
  SELECT ${MODEL_COLUMNS}, (SELECT count(*) FROM candidates) > (SELECT count(*) FROM batch) AS has_more
  ${FROM_MODELS}
  WHERE m.id IN (SELECT id FROM batch) ${ORDER_MODELS}`;
}

const batchStatements = new Map<string, NamedStatement>();

/** The batch statement for this filter's shape, and its parameters. */
function batchQuery(filter: BatchFilter, limit: number): { statement: NamedStatement; values: unknown[] } {
  const values: unknown[] = [BATCH_BYTES, limit];
  const conditions: string[] = [];
  const parts: string[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  if (filter.modelName !== undefined) {
    conditions.push(`m.model_name = ${bind(filter.modelName)}`);
    parts.push('name');
  }
  if (filter.modelVersion !== undefined) {
    conditions.push(`m.model_version = ${bind(filter.modelVersion)}`);
    parts.push('version');
  }
  if (filter.ids !== undefined) {
    conditions.push(`m.id = ANY(${bind(filter.ids)}::text[])`);
    parts.push('ids');
  }
  if (filter.after !== undefined) {
    conditions.push(
      `(m.model_name, m.model_version) > (${bind(filter.after.modelName)}, ${bind(filter.after.modelVersion)}::text)`,
    );
    parts.push('after');
  }
  const name = ['model-batch', ...parts].join(':');
  let statement = batchStatements.get(name);
  if (!statement) {
    statement = namedStatement(name, batchText(conditions));
    batchStatements.set(name, statement);
  }
  return { statement, values };
}

interface ModelRow {
  id: string;
  model_name: string;
  model_version: string;
  artifact_version: string;
  description: string;
  author: string;
  owner: string;
  /** jsonb: the driver parses it. */
  custom_metadata: Record<string, string>;
  input_data_type: string;
  output_data_type: string;
  model_location: string;
  /** json: the driver parses it. [id, platform name, environment type, dependency list, position]. */
  environments: Array<[string, string, string, string, number]>;
}

type BatchRow = ModelRow & { has_more: boolean };

async function read(
  manager: EntityManager,
  statement: NamedStatement,
  parameters: unknown[],
): Promise<ModelRelatedInformation[]> {
  return (await queryNamed<ModelRow>(manager, statement, parameters)).map(toModel);
}

/**
 * Listings are streamed rather than loaded: 60 legal registrations of ~800 KB make a 46 MiB answer,
 * and loading it whole took the process past the chart's 512 MiB limit. They are read in keyset
 * batches of bounded size (batchQuery), each one statement on a connection taken from the pool for that
 * statement only, and the next batch is read when the client has taken this one. A cursor would keep
 * one statement and one snapshot, but hold its connection while the client reads: with the embedded
 * store's pool of one, a large listing (or a slow client) would stall every other request, and ten
 * slow clients would exhaust a PostgreSQL pool (tried with a cursor on the embedded store: of four
 * concurrent 45 MiB listings and a getModelInfo, four answered 503). The price: one statement per batch (up to
 * 1,000 registrations of ordinary size are one batch, as they were one statement), and a listing past
 * one batch is not one snapshot: each registration is read whole in one statement, in stable order
 * and at most once, but one written during the listing may or may not appear. Returning the
 * generator (the client gone) reads no further batch.
 */
async function* streamModels(
  manager: EntityManager,
  filter: ModelFilter & { ids?: string[] },
): AsyncGenerator<ModelRelatedInformation> {
  let after: ModelKey | undefined;
  // The batch weighs `limit` + 1 candidates: after a batch cut short by its bytes, weigh only twice as
  // many as it held, so that a table of large registrations is not weighed anew for every batch.
  let limit = BATCH_MODELS;
  for (;;) {
    const { statement, values } = batchQuery({ ...filter, after }, limit);
    const rows = await queryNamed<BatchRow>(manager, statement, values);
    const more = rows[0]?.has_more === true;
    const models = rows.map(toModel);
    after = models.at(-1)?.modelId;
    limit = Math.min(BATCH_MODELS, 2 * models.length);
    // Handed out one by one, so that what the client has taken can be collected.
    for (let model = models.shift(); model; model = models.shift()) yield model;
    if (!more || !after) return;
  }
}

async function* noModels(): AsyncGenerator<ModelRelatedInformation> {}

async function* readOne(
  manager: EntityManager,
  statement: NamedStatement,
  parameters: unknown[],
): AsyncGenerator<ModelRelatedInformation> {
  yield* await read(manager, statement, parameters);
}

function toModel(row: ModelRow): ModelRelatedInformation {
  return {
    id: row.id,
    modelId: {
      modelName: row.model_name,
      modelVersion: row.model_version,
      artifactVersion: row.artifact_version,
    },
    description: row.description,
    modelInformation: {
      metadata: { author: row.author, owner: row.owner, custom: row.custom_metadata },
      inputDataType: row.input_data_type,
      outputDataType: row.output_data_type,
    },
    modelLocation: row.model_location,
    targetEnvironments: row.environments.map(
      ([id, platformName, environmentType, dependencyList, position]) => ({
        id,
        modelRelatedInformationId: row.id,
        platformName,
        environmentType,
        dependencyList,
        position,
      }),
    ),
  };
}
