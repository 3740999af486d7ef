import { Exclude } from 'class-transformer';
import { Check, Column, Entity, OneToMany, PrimaryColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { TargetEnvironment } from './target-environment.entity';

/** `modelId` of the R1AP resource; its name and version form the primary key (as the Go service made it). */
export class ModelId {
  @PrimaryColumn({
    name: 'model_name',
    type: 'text',
    primaryKeyConstraintName: 'model_related_informations_pkey',
  })
  modelName: string;

  @PrimaryColumn({
    name: 'model_version',
    type: 'text',
    primaryKeyConstraintName: 'model_related_informations_pkey',
  })
  modelVersion: string;

  @Column({ name: 'artifact_version', type: 'text', default: '' })
  artifactVersion: string;
}

export class ModelMetadata {
  @Column({ name: 'author', type: 'text', default: '' })
  author: string;

  @Column({ name: 'owner', type: 'text', default: '' })
  owner: string;

  /** Keys beside author and owner, string-valued; the Go schema had no such column. */
  @Column({ name: 'custom_metadata', type: 'jsonb', default: () => "'{}'" })
  custom: Record<string, string>;
}

/** `modelInformation` without its target environments, which live in their own table. */
export class ModelInformation {
  @Column(() => ModelMetadata, { prefix: false })
  metadata: ModelMetadata;

  @Column({ name: 'input_data_type', type: 'text', default: '' })
  inputDataType: string;

  @Column({ name: 'output_data_type', type: 'text', default: '' })
  outputDataType: string;
}

@Entity({ name: 'model_related_informations' })
@Unique('uni_model_related_informations_id', ['id'])
@Check('chk_model_related_informations_custom_metadata', `jsonb_typeof("custom_metadata") = 'object'`)
export class ModelRelatedInformation {
  @Column({ type: 'text' })
  id: string;

  @Column(() => ModelId, { prefix: false })
  modelId: ModelId;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column(() => ModelInformation, { prefix: false })
  modelInformation: ModelInformation;

  @Column({ name: 'model_location', type: 'text', default: '' })
  modelLocation: string;

  /**
   * What a listing batch counts for this registration, kept by the repository's own SQL (never
   * read or written through the entity); NULL for a row written without it.
   */
  @Column({
    name: 'listing_bytes',
    type: 'integer',
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  listingBytes?: number | null;

  @Exclude()
  @OneToMany(() => TargetEnvironment, (environment) => environment.modelRelatedInformation, {
    cascade: ['insert'],
  })
  targetEnvironments: Relation<TargetEnvironment>[];
}
