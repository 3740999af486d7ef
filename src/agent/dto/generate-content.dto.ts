import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateBy, ValidationArguments } from 'class-validator';
import { EXAMPLE_MODEL } from '../../common/openapi-examples';
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

/** The document's example: registers the example model's next version, so it works as given. */
export const EXAMPLE_PROMPT =
  `register model ${EXAMPLE_MODEL.modelName} version 2 description "Forecasts cell load" author alice ` +
  'input pdcpBytesDl output cellLoadForecast';

/** A chat message for the assistant. */
export class GenerateContentDto {
  @ApiProperty({
    description: 'What the user asks, in natural language',
    minLength: 1,
    maxLength: MAX_PROMPT_LENGTH,
    pattern: NO_NUL,
    example: EXAMPLE_PROMPT,
  })
  @IsPrompt()
  text: string;

  @ApiPropertyOptional({
    description:
      "Continues this conversation (its earlier turns are the model's history); absent: a new conversation starts",
    // No example: a conversation id only works while that conversation lasts.
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'conversationId must be a UUID' })
  conversationId?: string;
}
