import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { ModelRelatedInformation } from '../../models/entities/model-related-information.entity';

/** bigint comes back from `pg` as a string; archives stay far below 2^53 bytes. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One uploaded archive of a registration. */
@Entity({ name: 'model_artifacts' })
@Unique('uq_model_artifacts_registration_version', ['modelRelatedInformationId', 'artifactVersion'])
@Check('chk_model_artifacts_size_bytes', '"size_bytes" >= 0')
@Check('chk_model_artifacts_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
export class ModelArtifact {
  /** Assigned by the repository; the column default serves manual inserts. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'model_artifacts_pkey' })
  id: string;

  @Column({ name: 'model_related_information_id', type: 'text' })
  modelRelatedInformationId: string;

  @ManyToOne(() => ModelRelatedInformation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'model_related_information_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_model_artifacts_model_related_information',
  })
  registration?: Relation<ModelRelatedInformation>;

  @Column({ name: 'artifact_version', type: 'text' })
  artifactVersion: string;

  /** The store's key (`<bucket>/<object>` in the S3 bucket-per-model layout). */
  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  /** Lower-case hex. */
  @Column({ type: 'text' })
  sha256: string;

  /** clock_timestamp(), not now(): taken after the registration lock, so it follows version order. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
