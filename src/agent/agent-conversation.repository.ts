import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgentConversation, StoredTurn } from './entities/agent-conversation.entity';

export interface ConversationBounds {
  readonly maxTurns: number;
  readonly maxBytes: number;
}

/** A conversation is live while its last activity is more recent than this many seconds (database clock). */
const ACTIVE = `"last_active_at" > clock_timestamp() - make_interval(secs => :idleSeconds)`;

/** The only place that talks to the database about conversations. */
@Injectable()
export class AgentConversationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(id: string): Promise<void> {
    await this.dataSource.manager.insert(AgentConversation, { id, turns: [] });
  }

  /** The conversation, unless unknown or idle longer than `idleSeconds`. */
  findActive(id: string, idleSeconds: number): Promise<AgentConversation | null> {
    return this.dataSource.manager
      .createQueryBuilder(AgentConversation, 'conversation')
      .where('"conversation"."id" = :id', { id })
      .andWhere(ACTIVE, { idleSeconds })
      .getOne();
  }

  /**
   * Appends a turn under a row lock (concurrent turns of one conversation are appended one after
   * the other, none lost), dropping the oldest turns past the bounds; the newest always stays.
   * False when the conversation is gone or expired meanwhile.
   */
  async appendTurn(
    id: string,
    turn: StoredTurn,
    bounds: ConversationBounds,
    idleSeconds: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await manager
        .createQueryBuilder(AgentConversation, 'conversation')
        .setLock('pessimistic_write')
        .where('"conversation"."id" = :id', { id })
        .andWhere(ACTIVE, { idleSeconds })
        .getOne();
      if (!conversation) return false;
      const turns = [...conversation.turns, turn];
      let sizeBytes = jsonBytes(turns);
      let dropped = 0;
      while (turns.length > 1 && (turns.length > bounds.maxTurns || sizeBytes > bounds.maxBytes)) {
        turns.shift();
        dropped += 1;
        sizeBytes = jsonBytes(turns);
      }
      await manager.query(
        `UPDATE "agent_conversations"
            SET "turns" = $1::json, "size_bytes" = $2, "dropped_turns" = "dropped_turns" + $3,
                "last_active_at" = clock_timestamp()
          WHERE "id" = $4`,
        [JSON.stringify(turns), sizeBytes, dropped, id],
      );
      return true;
    });
  }

  /** False when there was no live conversation with this id. */
  async deleteActive(id: string, idleSeconds: number): Promise<boolean> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(AgentConversation)
      .where('"id" = :id', { id })
      .andWhere(ACTIVE, { idleSeconds })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deletes every conversation idle longer than `idleSeconds`; returns how many. */
  async deleteExpired(idleSeconds: number): Promise<number> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .delete()
      .from(AgentConversation)
      .where(`NOT (${ACTIVE})`, { idleSeconds })
      .execute();
    return result.affected ?? 0;
  }
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
