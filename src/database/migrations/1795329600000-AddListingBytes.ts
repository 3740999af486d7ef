import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The session setting by which code that keeps the weight says so (data-source.options.ts sets it
 * on every connection); fixed here as landed. Not the application name: an instance of the
 * previous version, still serving during a rolling upgrade, has ours and does not keep the weight.
 */
const KEEPS_WEIGHT = 'modelmgmtservice.keeps_listing_bytes';
/** A weight saturates here: far past the 1 MiB a batch holds, and within the column. */
const MAX_WEIGHT = 2147483647;

/**
 * What a listing batch counts for each registration (its text once per environment, plus the
 * environments' text), kept with the row so that a listing weighs its batches from the
 * registrations alone instead of visiting every environment twice. A write by any code that does
 * not keep it (the Go service on a shared database, our previous version, an operator's SQL)
 * clears the weight of the registration it touches, by trigger, and a listing then weighs that
 * registration from its rows: a stale weight would let a batch grow past its bound. The triggers
 * come first, so that a write racing the weighing below clears what it changes.
 */
export class AddListingBytes1795329600000 implements MigrationInterface {
  name = 'AddListingBytes1795329600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "model_related_informations" ADD COLUMN "listing_bytes" integer`);
    await queryRunner.query(`
      CREATE FUNCTION "modelmgmtservice_unweigh_model"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('${KEEPS_WEIGHT}', true) IS DISTINCT FROM 'on' THEN NEW.listing_bytes := NULL; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_model_related_informations_unweigh" BEFORE INSERT OR UPDATE
        ON "model_related_informations" FOR EACH ROW EXECUTE FUNCTION "modelmgmtservice_unweigh_model"()`);
    // The table is named with the trigger's own schema: the writer's search_path may not have it.
    await queryRunner.query(`
      CREATE FUNCTION "modelmgmtservice_unweigh_environment"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('${KEEPS_WEIGHT}', true) IS DISTINCT FROM 'on' THEN
          EXECUTE format('UPDATE %I.model_related_informations SET listing_bytes = NULL
              WHERE id IN ($1, $2) AND listing_bytes IS NOT NULL', TG_TABLE_SCHEMA)
            USING OLD.model_related_information_id, NEW.model_related_information_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "trg_target_environments_unweigh" AFTER INSERT OR UPDATE OR DELETE
        ON "target_environments" FOR EACH ROW EXECUTE FUNCTION "modelmgmtservice_unweigh_environment"()`);
    await queryRunner.query(`SET LOCAL ${KEEPS_WEIGHT} = 'on'`);
    await queryRunner.query(`
      UPDATE "model_related_informations" m SET "listing_bytes" = (
        SELECT least(coalesce(sum(octet_length(t.platform_name) + octet_length(t.environment_type)
                 + octet_length(t.dependency_list)), 0)
               + (octet_length(m.description) + octet_length(m.author) + octet_length(m.owner)
                 + octet_length(m.custom_metadata::text) + octet_length(m.input_data_type)
                 + octet_length(m.output_data_type) + octet_length(m.model_location))::bigint
                 * greatest(count(*), 1), ${MAX_WEIGHT})
        FROM "target_environments" t WHERE t.model_related_information_id = m.id)`);
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
