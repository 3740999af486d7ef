import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_CONVERSATION_ID } from '../../common/openapi-examples';
import { EXAMPLE_PROMPT } from './generate-content.dto';

/** One tool call of the agent, with what it returned. */
export class AgentStepDto {
  @ApiProperty({ description: 'The tool the model called', example: 'list_models' })
  tool: string;

  @ApiProperty({
    description: 'The parsed arguments object, or the raw text when it was not JSON',
    example: {},
  })
  arguments: unknown;

  @ApiProperty({
    description: 'Whether the tool succeeded; its error went back to the model otherwise',
    example: true,
  })
  ok: boolean;

  @ApiPropertyOptional({ description: 'The tool result, when ok' })
  result?: unknown;

  @ApiPropertyOptional({
    description: 'Why the tool failed, when not ok',
    example: 'No model named cell-load-forecaster-7f3a with version 2 is registered',
  })
  error?: string;
}

export class AgentResultDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The assistant's answer; null when the request failed",
    example: 'There is 1 registered model: cell-load-forecaster-7f3a version 1.',
  })
  result: string | null;

  @ApiProperty({ type: () => [AgentStepDto], description: 'The tool calls made for the answer, in order' })
  steps: AgentStepDto[];
}

export class AgentRequestEchoDto {
  @ApiProperty({ description: "The request's text, as received", example: EXAMPLE_PROMPT })
  text: string;
}

/** The envelope of `POST /experiment/agent/generate-content`, for success (200) and LLM failure (502) alike. */
export class AgentResponseDto {
  @ApiProperty({
    enum: ['completed', 'failed'],
    description: 'completed: answered; failed: the LLM provider failed (502)',
  })
  action: 'completed' | 'failed';

  @ApiProperty({ type: () => AgentRequestEchoDto, description: 'The request, echoed' })
  request: AgentRequestEchoDto;

  @ApiProperty({ type: () => AgentResultDto, description: 'The answer and the tool calls it made' })
  response: AgentResultDto;

  @ApiProperty({ enum: ['ok', 'error'], description: 'ok with completed, error with failed' })
  status: 'ok' | 'error';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the LLM provider failed; null when completed',
    example: null,
  })
  error_message: string | null;

  @ApiProperty({
    format: 'uuid',
    description:
      'The conversation this turn belongs to: the one sent, or a new one; send it back to continue',
    example: EXAMPLE_CONVERSATION_ID,
  })
  conversationId: string;
}
