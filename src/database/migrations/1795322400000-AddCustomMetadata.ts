import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom metadata: the string-valued keys a client puts in `metadata` beside author and owner, one
 * JSON object per registration. Existing rows, a Go-era database's included, get `{}`; the Go
 * service, pointed back at the database, neither reads nor writes the column.
 */
export class AddCustomMetadata1795322400000 implements MigrationInterface {
  name = 'AddCustomMetadata1795322400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "model_related_informations"
        ADD COLUMN "custom_metadata" jsonb NOT NULL DEFAULT '{}',
        ADD CONSTRAINT "chk_model_related_informations_custom_metadata"
          CHECK (jsonb_typeof("custom_metadata") = 'object')`);
  }

  /** The custom metadata is lost: the schema before it had nowhere to keep it. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "model_related_informations" DROP COLUMN "custom_metadata"`);
  }
}
