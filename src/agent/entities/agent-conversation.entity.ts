import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ChatMessage } from '../llm-provider';
import type { ToolOutcome } from '../registry-tools';

/** One answered request of a conversation, as stored. */
export interface StoredTurn {
  /** When it was answered (ISO 8601). */
  readonly at: string;
  readonly text: string;
  readonly result: string;
  readonly steps: readonly ToolOutcome[];
  /** What the turn added to the model's history: the user message through the final answer. */
  readonly messages: readonly ChatMessage[];
}

@Entity({ name: 'agent_conversations' })
@Check('chk_agent_conversations_turns', `json_typeof("turns") = 'array'`)
@Check('chk_agent_conversations_counts', '"size_bytes" >= 0 AND "dropped_turns" >= 0')
@Index('idx_agent_conversations_last_active_at', ['lastActiveAt'])
export class AgentConversation {
  /** A random UUID v4: knowing it is what grants access. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'agent_conversations_pkey' })
  id: string;

  @Column({ type: 'json' })
  turns: StoredTurn[];

  /** JSON size of `turns`, kept at most AGENT_CONVERSATION_MAX_BYTES (the latest turn always stays). */
  @Column({ name: 'size_bytes', type: 'integer', default: 0 })
  sizeBytes: number;

  /** Oldest turns dropped to stay within the bounds. */
  @Column({ name: 'dropped_turns', type: 'integer', default: 0 })
  droppedTurns: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ name: 'last_active_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  lastActiveAt: Date;
}
