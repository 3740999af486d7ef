import { ApiProperty } from '@nestjs/swagger';

export class HealthStatusDto {
  @ApiProperty({ description: 'ok when every dependency checked is up', example: 'ok' })
  status: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Each dependency's state: up or down ({} for liveness, which checks none)",
    example: { database: 'up', artifactStore: 'up' },
  })
  checks: Record<string, string>;
}
