import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateBy, ValidationArguments } from 'class-validator';
import { NO_NUL } from '../../common/text.decorators';

/** Longest accepted prompt: bounds the cost of one request to the LLM. */
export const MAX_PROMPT_LENGTH = 8000;

/** One check, one message: missing, not a string, blank, or too long. */
function IsPrompt(): PropertyDecorator {
  return ValidateBy({
    name: 'isPrompt',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.trim() !== '' && value.length <= MAX_PROMPT_LENGTH,
      defaultMessage: ({ value, property }: ValidationArguments) => {
        if (value === undefined || value === null) return `${property} is required`;
        if (typeof value !== 'string') return `${property} must be a string`;
        if (value.trim() === '') return `${property} must not be blank`;
        return `${property} must be at most ${MAX_PROMPT_LENGTH} characters`;
      },
    },
  });
}

/** A chat message for the assistant. */
export class GenerateContentDto {
  @ApiProperty({
    description: 'What the user asks, in natural language',
    minLength: 1,
    maxLength: MAX_PROMPT_LENGTH,
    pattern: NO_NUL,
    example:
      'register model qoe-predictor version 1 description "QoE prediction" author alice input pdcpBytesDl output pdcpBytesDl',
  })
  @IsPrompt()
  text: string;

  @ApiPropertyOptional({
    description:
      "Continues this conversation (its earlier turns are the model's history); absent: a new conversation starts",
    format: 'uuid',
    example: '0b0c6f8e-3d3f-4e52-9a55-2f0d6a1c9b7e',
  })
  @IsOptional()
  @IsUUID('all', { message: 'conversationId must be a UUID' })
  conversationId?: string;
}
