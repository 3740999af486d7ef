import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 9457 problem details (for the OpenAPI document). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'about:blank' })
  type: string;

  @ApiProperty({ example: 'Not Found' })
  title: string;

  @ApiProperty({ example: 404 })
  status: number;

  @ApiProperty({ example: 'No model registration with id 8c6f1f0e-4a8e-4c55-9a57-3c1c7f3f2a10' })
  detail: string;

  @ApiProperty({
    example: '/ai-ml-model-registration/v1/model-registrations/8c6f1f0e-4a8e-4c55-9a57-3c1c7f3f2a10',
  })
  instance: string;

  @ApiPropertyOptional({ description: 'Only on 500 answers' })
  correlationId?: string;
}
