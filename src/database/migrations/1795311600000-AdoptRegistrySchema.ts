import { Logger } from '@nestjs/common';
import { MigrationInterface, QueryRunner } from 'typeorm';

const MODEL_TEXT_COLUMNS = [
  'artifact_version',
  'description',
  'author',
  'owner',
  'input_data_type',
  'output_data_type',
  'model_location',
];
const ENVIRONMENT_TEXT_COLUMNS = ['platform_name', 'environment_type', 'dependency_list'];

/**
 * Creates the registry tables as the Go service (GORM AutoMigrate) made them when they are
 * missing, then hardens them in place: NOT NULL with '' defaults, the missing foreign key
 * with ON DELETE CASCADE (after logging and removing orphans), and an ordering column.
 * An AIMLFW database that the Go service used is adopted without losing a row.
 */
export class AdoptRegistrySchema1795311600000 implements MigrationInterface {
  name = 'AdoptRegistrySchema1795311600000';
  private readonly logger = new Logger('Migrations');

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "model_related_informations" (
        "id" text, "model_name" text, "model_version" text, "artifact_version" text, "description" text,
        "author" text, "owner" text, "input_data_type" text, "output_data_type" text, "model_location" text,
        CONSTRAINT "model_related_informations_pkey" PRIMARY KEY ("model_name", "model_version"),
        CONSTRAINT "uni_model_related_informations_id" UNIQUE ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS "target_environments" (
        "id" text, "model_related_information_id" text NOT NULL, "platform_name" text,
        "environment_type" text, "dependency_list" text,
        CONSTRAINT "target_environments_pkey" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE INDEX IF NOT EXISTS "idx_target_environments_model_related_information_id"
        ON "target_environments" ("model_related_information_id")`);

    // A registration without an id could not be addressed by the API; give it one.
    await queryRunner.query(
      `UPDATE "model_related_informations" SET "id" = gen_random_uuid()::text WHERE "id" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "model_related_informations" ALTER COLUMN "id" SET NOT NULL`);
    await this.hardenTextColumns(queryRunner, 'model_related_informations', MODEL_TEXT_COLUMNS);
    await this.hardenTextColumns(queryRunner, 'target_environments', ENVIRONMENT_TEXT_COLUMNS);
    await queryRunner.query(
      `ALTER TABLE "target_environments" ADD COLUMN IF NOT EXISTS "position" integer NOT NULL DEFAULT 0`,
    );

    const orphans = (await queryRunner.query(`
      SELECT t."id", t."model_related_information_id" FROM "target_environments" t
      WHERE NOT EXISTS (SELECT 1 FROM "model_related_informations" m WHERE m."id" = t."model_related_information_id")`)) as Array<{
      id: string;
      model_related_information_id: string;
    }>;
    for (const orphan of orphans) {
      this.logger.warn(
        `Removing orphaned target environment ${orphan.id} (registration ${orphan.model_related_information_id} does not exist)`,
      );
    }
    if (orphans.length > 0) {
      await queryRunner.query(`DELETE FROM "target_environments" WHERE "id" = ANY($1)`, [
        orphans.map((o) => o.id),
      ]);
    }
    await queryRunner.query(`
      ALTER TABLE "target_environments" ADD CONSTRAINT "fk_target_environments_model_related_information"
        FOREIGN KEY ("model_related_information_id") REFERENCES "model_related_informations"("id")
        ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  /** Back to the Go service's schema; tables and rows stay, since the Go service reads them. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "target_environments" DROP CONSTRAINT "fk_target_environments_model_related_information"`,
    );
    await queryRunner.query(`ALTER TABLE "target_environments" DROP COLUMN "position"`);
    for (const column of ENVIRONMENT_TEXT_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE "target_environments" ALTER COLUMN "${column}" DROP NOT NULL, ALTER COLUMN "${column}" DROP DEFAULT`,
      );
    }
    for (const column of MODEL_TEXT_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE "model_related_informations" ALTER COLUMN "${column}" DROP NOT NULL, ALTER COLUMN "${column}" DROP DEFAULT`,
      );
    }
  }

  private async hardenTextColumns(queryRunner: QueryRunner, table: string, columns: string[]): Promise<void> {
    for (const column of columns) {
      await queryRunner.query(`UPDATE "${table}" SET "${column}" = '' WHERE "${column}" IS NULL`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" SET DEFAULT '', ALTER COLUMN "${column}" SET NOT NULL`,
      );
    }
  }
}
