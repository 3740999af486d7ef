import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One tool call of the agent, with what it returned. */
export class AgentStepDto {
  /** @example "register_model" */
  tool: string;

  @ApiProperty({ description: 'The parsed arguments object, or the raw text when it was not JSON' })
  arguments: unknown;

  /** Whether the tool succeeded; its error went back to the model otherwise. */
  ok: boolean;

  @ApiPropertyOptional({ description: 'The tool result, when ok' })
  result?: unknown;

  @ApiPropertyOptional({ description: 'Why the tool failed, when not ok' })
  error?: string;
}

export class AgentResultDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The assistant's answer; null when the request failed",
  })
  result: string | null;

  @ApiProperty({ type: [AgentStepDto] })
  steps: AgentStepDto[];
}

export class AgentRequestEchoDto {
  /** The request's text, as received. */
  text: string;
}

/** The envelope of `POST /experiment/agent/generate-content`, for success (200) and LLM failure (502) alike. */
export class AgentResponseDto {
  @ApiProperty({ enum: ['completed', 'failed'] })
  action: 'completed' | 'failed';

  request: AgentRequestEchoDto;

  response: AgentResultDto;

  @ApiProperty({ enum: ['ok', 'error'] })
  status: 'ok' | 'error';

  @ApiProperty({ type: String, nullable: true, example: null })
  error_message: string | null;

  @ApiProperty({
    format: 'uuid',
    description:
      'The conversation this turn belongs to: the one sent, or a new one; send it back to continue',
  })
  conversationId: string;
}
