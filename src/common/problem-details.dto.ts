import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_CORRELATION_ID, EXAMPLE_ID } from './openapi-examples';

/** RFC 9457 problem details (for the OpenAPI document). */
export class ProblemDetailsDto {
  @ApiProperty({
    description: 'Always about:blank: the status says what kind of problem it is',
    example: 'about:blank',
  })
  type: string;

  @ApiProperty({ description: "The status's reason phrase", example: 'Not Found' })
  title: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status', example: 404 })
  status: number;

  @ApiProperty({
    description: 'What went wrong, for a person',
    example: `No model registration with id ${EXAMPLE_ID}`,
  })
  detail: string;

  @ApiProperty({
    description: 'The request path',
    example: `/ai-ml-model-registration/v1/model-registrations/${EXAMPLE_ID}`,
  })
  instance: string;

  @ApiPropertyOptional({
    description:
      "Only on 500 answers: the request's X-Request-Id; quote it when reporting the failure, the log line carries the cause",
    example: EXAMPLE_CORRELATION_ID,
  })
  correlationId?: string;
}
