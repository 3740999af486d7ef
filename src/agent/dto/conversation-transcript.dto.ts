import { ApiProperty } from '@nestjs/swagger';
import { AgentRequestEchoDto, AgentResultDto } from './agent-response.dto';

/** One answered request of a conversation. */
export class ConversationTurnDto {
  /** When it was answered. @example "2026-12-01T21:50:00.000Z" */
  at: string;

  request: AgentRequestEchoDto;

  @ApiProperty({ type: AgentResultDto, description: 'The answer and the tool calls it made' })
  response: AgentResultDto;
}

/** `GET /experiment/agent/conversations/{id}`: what the conversation holds, oldest turn first. */
export class ConversationTranscriptDto {
  @ApiProperty({ format: 'uuid' })
  conversationId: string;

  /** @example "2026-12-01T21:49:00.000Z" */
  createdAt: string;

  /** The last answered turn (or the start); the idle time counts from here. */
  lastActiveAt: string;

  /** When it is forgotten unless a turn comes first (lastActiveAt + AGENT_CONVERSATION_IDLE_SECONDS). */
  expiresAt: string;

  /** Oldest turns dropped to stay within AGENT_CONVERSATION_MAX_TURNS and AGENT_CONVERSATION_MAX_BYTES. */
  droppedTurns: number;

  @ApiProperty({ type: [ConversationTurnDto] })
  turns: ConversationTurnDto[];
}
