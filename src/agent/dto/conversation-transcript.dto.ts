import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_CONVERSATION_ID } from '../../common/openapi-examples';
import { AgentRequestEchoDto, AgentResultDto } from './agent-response.dto';

/** One answered request of a conversation. */
export class ConversationTurnDto {
  @ApiProperty({ description: 'When it was answered (ISO 8601)', example: '2026-12-01T21:50:00.000Z' })
  at: string;

  @ApiProperty({ type: () => AgentRequestEchoDto, description: 'What the user sent' })
  request: AgentRequestEchoDto;

  @ApiProperty({ type: () => AgentResultDto, description: 'The answer and the tool calls it made' })
  response: AgentResultDto;
}

/** `GET /experiment/agent/conversations/{id}`: what the conversation holds, oldest turn first. */
export class ConversationTranscriptDto {
  @ApiProperty({ format: 'uuid', description: "The conversation's id", example: EXAMPLE_CONVERSATION_ID })
  conversationId: string;

  @ApiProperty({ description: 'When it started (ISO 8601)', example: '2026-12-01T21:49:00.000Z' })
  createdAt: string;

  @ApiProperty({
    description: 'The last answered turn (or the start); the idle time counts from here',
    example: '2026-12-01T21:50:00.000Z',
  })
  lastActiveAt: string;

  @ApiProperty({
    description:
      'When it is forgotten unless a turn comes first (lastActiveAt + AGENT_CONVERSATION_IDLE_SECONDS)',
    example: '2026-12-01T22:50:00.000Z',
  })
  expiresAt: string;

  @ApiProperty({
    type: 'integer',
    description:
      'Oldest turns dropped to stay within AGENT_CONVERSATION_MAX_TURNS and AGENT_CONVERSATION_MAX_BYTES',
    example: 0,
  })
  droppedTurns: number;

  @ApiProperty({ type: () => [ConversationTurnDto], description: 'The stored turns, oldest first' })
  turns: ConversationTurnDto[];
}
