import { ApiProperty } from '@nestjs/swagger';

export class LlmInfoDto {
  @ApiProperty({ description: 'The model the provider calls (LLM_MODEL)', example: 'stub-intent-parser' })
  model: string;

  @ApiProperty({ description: 'The LLM_PROVIDER in use', example: 'stub' })
  provider: string;
}

export class TrainingManagerInfoDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'TM_URL, or null when it is empty',
    example: 'http://tm.traininghost:32002',
  })
  url: string | null;

  @ApiProperty({
    description:
      'Whether the Training Manager answered the last check: the workflow tools are offered only then',
    example: false,
  })
  available: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it is not available (null when it is)',
    example: 'The Training Manager at http://tm.traininghost:32002 is unreachable (ECONNREFUSED)',
  })
  reason: string | null;
}

/** `GET /experiment/agent/modelInfo` answer. */
export class ModelInfoDto {
  @ApiProperty({ type: () => LlmInfoDto, description: 'The LLM the assistant asks' })
  llm: LlmInfoDto;

  @ApiProperty({
    type: [String],
    description: 'The tools the assistant offers the model now',
    example: ['register_model', 'list_models', 'get_model'],
  })
  tools: string[];

  @ApiProperty({
    type: () => TrainingManagerInfoDto,
    description: 'Whether the workflow tools can reach the Training Manager',
  })
  trainingManager: TrainingManagerInfoDto;
}
