import { MigrationInterface, QueryRunner } from 'typeorm';

/** The application_name our pool connects with (data-source.options.ts); fixed here as landed. */
const OURS = 'modelmgmtservice';

/**
 * What a listing batch counts for each registration (its text once per environment, plus the
 * environments' text), kept with the row so that a listing weighs its batches from the
 * registrations alone instead of visiting every environment twice. Existing rows are weighed
 * here. A write by anyone else (the Go service, pointed back at the database; an operator's SQL)
 * clears the weight of the registration it touches, by trigger, and the listing weighs it from
 * its rows: a stale weight would let a batch grow past its bound.
 */
export class AddListingBytes1795329600000 implements MigrationInterface {
  name = 'AddListingBytes1795329600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "model_related_informations" ADD COLUMN "listing_bytes" integer`);
    await queryRunner.query(`
      UPDATE "model_related_informations" m SET "listing_bytes" = (
        SELECT coalesce(sum(octet_length(t.platform_name) + octet_length(t.environment_type)
                 + octet_length(t.dependency_list)), 0)
               + (octet_length(m.description) + octet_length(m.author) + octet_length(m.owner)
                 + octet_length(m.custom_metadata::text) + octet_length(m.input_data_type)
                 + octet_length(m.output_data_type) + octet_length(m.model_location)) * greatest(count(*), 1)
        FROM "target_environments" t WHERE t.model_related_information_id = m.id)`);
    await queryRunner.query(`
      CREATE FUNCTION "modelmgmtservice_unweigh_model"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('application_name') <> '${OURS}' THEN NEW.listing_bytes := NULL; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_model_related_informations_unweigh" BEFORE INSERT OR UPDATE
        ON "model_related_informations" FOR EACH ROW EXECUTE FUNCTION "modelmgmtservice_unweigh_model"()`);
    await queryRunner.query(`
      CREATE FUNCTION "modelmgmtservice_unweigh_environment"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('application_name') <> '${OURS}' THEN
          UPDATE model_related_informations SET listing_bytes = NULL
            WHERE id IN (OLD.model_related_information_id, NEW.model_related_information_id)
              AND listing_bytes IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_target_environments_unweigh" AFTER INSERT OR UPDATE OR DELETE
        ON "target_environments" FOR EACH ROW EXECUTE FUNCTION "modelmgmtservice_unweigh_environment"()`);
  }

  /** Nothing is lost: the weight is computed again from the rows whenever it is missing. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_target_environments_unweigh" ON "target_environments"`);
    await queryRunner.query(`DROP FUNCTION "modelmgmtservice_unweigh_environment"()`);
    await queryRunner.query(
      `DROP TRIGGER "trg_model_related_informations_unweigh" ON "model_related_informations"`,
    );
    await queryRunner.query(`DROP FUNCTION "modelmgmtservice_unweigh_model"()`);
    await queryRunner.query(`ALTER TABLE "model_related_informations" DROP COLUMN "listing_bytes"`);
  }
}
