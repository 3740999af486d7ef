import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assistant's conversations: one row each, its turns (request, the Chat Completions messages
 * it added, answer, tool steps) in one JSON array. `json`, not `jsonb`: kept exactly as written,
 * key order included, so the history goes back to the model as it was. `last_active_at` drives
 * expiry and the sweep.
 */
export class CreateAgentConversations1795318800000 implements MigrationInterface {
  name = 'CreateAgentConversations1795318800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agent_conversations" (
        "id" uuid NOT NULL,
        "turns" json NOT NULL,
        "size_bytes" integer NOT NULL DEFAULT 0,
        "dropped_turns" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "last_active_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "agent_conversations_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "chk_agent_conversations_turns" CHECK (json_typeof("turns") = 'array'),
        CONSTRAINT "chk_agent_conversations_counts" CHECK ("size_bytes" >= 0 AND "dropped_turns" >= 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_agent_conversations_last_active_at" ON "agent_conversations" ("last_active_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "agent_conversations"`);
  }
}
