import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per uploaded archive. The unique (registration, version) pair is also the index the
 * foreign key needs; deleting a registration deletes its rows.
 */
export class CreateModelArtifacts1795315200000 implements MigrationInterface {
  name = 'CreateModelArtifacts1795315200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "model_artifacts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "model_related_information_id" text NOT NULL,
        "artifact_version" text NOT NULL,
        "storage_key" text NOT NULL,
        "size_bytes" bigint NOT NULL,
        "sha256" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "model_artifacts_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "uq_model_artifacts_registration_version" UNIQUE ("model_related_information_id", "artifact_version"),
        CONSTRAINT "fk_model_artifacts_model_related_information" FOREIGN KEY ("model_related_information_id")
          REFERENCES "model_related_informations"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "chk_model_artifacts_size_bytes" CHECK ("size_bytes" >= 0),
        CONSTRAINT "chk_model_artifacts_sha256" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "model_artifacts"`);
  }
}
