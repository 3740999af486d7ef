import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ModelRelatedInformation } from '../models/entities/model-related-information.entity';
import { ModelRegistrationRepository } from '../models/model-registration.repository';
import { type ArtifactRef, INCOMING_DIRECTORY, type ModelRef } from './artifact-key.layout';
import { ModelArtifact } from './entities/model-artifact.entity';

/** What the registration looks like to an upload once its row is locked. */
export interface LockedRegistration {
  readonly currentVersion: string;
  /** The highest version recorded for it, or null before the first upload. */
  readonly latestRecordedVersion: string | null;
}

/** An archive in the store, not yet recorded. */
export interface ReceivedArtifact {
  readonly storageKey: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface UnmovedArtifact extends ArtifactRef {
  readonly artifactId: string;
  readonly storageKey: string;
}

export interface RecordedUpload {
  /** The registration, with its new artifact version. */
  readonly registration: ModelRelatedInformation;
  readonly artifactId: string;
  readonly artifactVersion: string;
}

/**
 * Numeric order of `x.y.z`; every recorded version has that shape. numeric, not int: a number past
 * int's range (hand-edited, or recorded by an older release) must sort, not fail the upload.
 */
const VERSION_ORDER = `string_to_array("artifact_version", '.')::numeric[]`;

/** The only place that talks to TypeORM about artifacts; registrations go through their own repository. */
@Injectable()
export class ModelArtifactRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: ModelRegistrationRepository,
  ) {}

  /**
   * One short transaction: locks the registration row (concurrent uploads queue here and so get
   * distinct versions), lets `chooseVersion` pick the version, records the archive under the key it
   * was stored at and makes the version the registration's. Null when the registration is gone.
   */
  async recordUpload(
    model: ModelRef,
    artifact: ReceivedArtifact,
    chooseVersion: (locked: LockedRegistration) => string,
  ): Promise<RecordedUpload | null> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.registrations.lockByKey(manager, model);
      if (!locked) return null;
      const latest: Array<{ artifact_version: string }> = await manager.query(
        `SELECT "artifact_version" FROM "model_artifacts" WHERE "model_related_information_id" = $1
         ORDER BY ${VERSION_ORDER} DESC LIMIT 1`,
        [locked.id],
      );
      const artifactVersion = chooseVersion({
        currentVersion: locked.modelId.artifactVersion,
        latestRecordedVersion: latest[0]?.artifact_version ?? null,
      });
      const artifactId = randomUUID();
      await manager.insert(ModelArtifact, {
        id: artifactId,
        modelRelatedInformationId: locked.id,
        artifactVersion,
        ...artifact,
      });
      await this.registrations.updateArtifactVersion(manager, locked.id, artifactVersion);
      return {
        registration: { ...locked, modelId: { ...locked.modelId, artifactVersion } },
        artifactId,
        artifactVersion,
      };
    });
  }

  /**
   * Points the record at `to` if it still names `from`, in one short statement (no lock is held
   * while the bytes are copied). False when it does not: its registration was deleted, or another
   * replica moved it first.
   */
  async moveStorageKey(artifactId: string, from: string, to: string): Promise<boolean> {
    const result = await this.dataSource.manager.update(
      ModelArtifact,
      { id: artifactId, storageKey: from },
      { storageKey: to },
    );
    return result.affected === 1;
  }

  findForDownload(model: ModelRef, artifactVersion: string): Promise<ModelArtifact | null> {
    return this.dataSource.manager
      .createQueryBuilder(ModelArtifact, 'artifact')
      .innerJoin('artifact.registration', 'model')
      .where('"model"."model_name" = :modelName AND "model"."model_version" = :modelVersion', model)
      .andWhere('"artifact"."artifact_version" = :artifactVersion', { artifactVersion })
      .getOne();
  }

  /** Newest first. */
  listForRegistration(registrationId: string): Promise<ModelArtifact[]> {
    return this.dataSource.manager
      .createQueryBuilder(ModelArtifact, 'artifact')
      .where('"artifact"."model_related_information_id" = :registrationId', { registrationId })
      .orderBy('"artifact"."created_at"', 'DESC')
      .addOrderBy(`string_to_array("artifact"."artifact_version", '.')::numeric[]`, 'DESC')
      .getMany();
  }

  /** Recorded uploads still under their temporary key (their move to the final key failed). */
  async findUnmoved(): Promise<UnmovedArtifact[]> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT a."id", a."storage_key", a."artifact_version", m."model_name", m."model_version"
         FROM "model_artifacts" a
         JOIN "model_related_informations" m ON m."id" = a."model_related_information_id"
        WHERE a."storage_key" LIKE $1`,
      [`%${INCOMING_DIRECTORY}/%`],
    );
    return rows.map((row) => ({
      artifactId: row.id,
      storageKey: row.storage_key,
      modelName: row.model_name,
      modelVersion: row.model_version,
      artifactVersion: row.artifact_version,
    }));
  }

  async isRecorded(storageKey: string): Promise<boolean> {
    return this.dataSource.manager.exists(ModelArtifact, { where: { storageKey } });
  }

  /**
   * Deletes a registration with its artifact records (and, by cascade, its target environments),
   * after locking it so that no upload commits in between. Returns the deleted archives' storage
   * keys; empty when there was no such registration.
   */
  async deleteRegistration(registrationId: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.registrations.lockById(manager, registrationId))) return [];
      // DELETE … RETURNING, not a read first: if an upload repoints its record at the final key
      // meanwhile, the statement sees the new row version and returns the key the record ends with.
      const deleted = await manager
        .createQueryBuilder()
        .delete()
        .from(ModelArtifact)
        .where('"model_related_information_id" = :registrationId', { registrationId })
        .returning('"storage_key"')
        .execute();
      await this.registrations.deleteById(manager, registrationId);
      return (deleted.raw as Array<{ storage_key: string }>).map((row) => row.storage_key);
    });
  }
}
