import { Exclude } from 'class-transformer';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { ModelRelatedInformation } from './model-related-information.entity';

@Entity({ name: 'target_environments' })
export class TargetEnvironment {
  @Exclude()
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'target_environments_pkey' })
  id: string;

  @Exclude()
  @Index('idx_target_environments_model_related_information_id')
  @Column({ name: 'model_related_information_id', type: 'text' })
  modelRelatedInformationId: string;

  @Exclude()
  @ManyToOne(() => ModelRelatedInformation, (model) => model.targetEnvironments, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'model_related_information_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_target_environments_model_related_information',
  })
  modelRelatedInformation?: Relation<ModelRelatedInformation>;

  @Column({ name: 'platform_name', type: 'text', default: '' })
  platformName: string;

  @Column({ name: 'environment_type', type: 'text', default: '' })
  environmentType: string;

  @Column({ name: 'dependency_list', type: 'text', default: '' })
  dependencyList: string;

  /** Keeps the list in the order the client sent it; the Go schema had no such column. */
  @Exclude()
  @Column({ type: 'integer', default: 0 })
  position: number;
}
