import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ResourceNotFoundException } from '../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AgentConversationRepository } from './agent-conversation.repository';
import type { ConversationTranscriptDto } from './dto/conversation-transcript.dto';
import type { AgentConversation, StoredTurn } from './entities/agent-conversation.entity';
import type { ChatMessage } from './llm-provider';

/** Ids are UUIDs; anything else cannot name a conversation (and must not reach a uuid column). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A conversation ready for its next turn. */
export interface OpenConversation {
  readonly id: string;
  /** The model's history: every stored turn's messages, oldest first. */
  readonly history: readonly ChatMessage[];
}

/** The assistant's conversations: start, continue, record, show, forget. */
@Injectable()
export class AgentConversationService {
  private readonly settings: AppConfig['conversations'];

  constructor(
    private readonly repository: AgentConversationRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = config.conversations;
  }

  /** A new conversation (no id given), or the live one named; 404 when unknown or expired. */
  async open(id: string | undefined): Promise<OpenConversation> {
    if (id === undefined) {
      const created = randomUUID();
      await this.repository.create(created);
      return { id: created, history: [] };
    }
    const conversation = await this.find(id);
    return { id: conversation.id, history: conversation.turns.flatMap((turn) => turn.messages) };
  }

  /** False when the conversation was deleted or expired while the turn ran: the turn is not kept. */
  record(id: string, turn: StoredTurn): Promise<boolean> {
    return this.repository.appendTurn(id, turn, this.settings, this.settings.idleSeconds);
  }

  async transcript(id: string): Promise<ConversationTranscriptDto> {
    const conversation = await this.find(id);
    const expiresAt = new Date(conversation.lastActiveAt.getTime() + this.settings.idleSeconds * 1000);
    return {
      conversationId: conversation.id,
      createdAt: conversation.createdAt.toISOString(),
      lastActiveAt: conversation.lastActiveAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
      droppedTurns: conversation.droppedTurns,
      turns: conversation.turns.map((turn) => ({
        at: turn.at,
        request: { text: turn.text },
        response: { result: turn.result, steps: [...turn.steps] },
      })),
    };
  }

  async forget(id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.repository.deleteActive(id, this.settings.idleSeconds)))
      throw conversationNotFound(id);
  }

  /** Deletes the expired conversations (they already answer as unknown); returns how many. */
  sweep(): Promise<number> {
    return this.repository.deleteExpired(this.settings.idleSeconds);
  }

  private async find(id: string): Promise<AgentConversation> {
    const conversation = UUID.test(id)
      ? await this.repository.findActive(id, this.settings.idleSeconds)
      : null;
    if (!conversation) throw conversationNotFound(id);
    return conversation;
  }
}

export function conversationNotFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`No conversation ${id} (unknown, deleted or expired)`);
}
