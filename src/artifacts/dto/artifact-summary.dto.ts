import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One archive of a registration: uploaded to this service, or stored by a training pipeline (`source`). */
export class ArtifactSummaryDto {
  @ApiProperty({ description: "The archive's artifact version", example: '1.0.0' })
  artifactVersion: string;

  @ApiProperty({ type: 'integer', description: "The archive's size in bytes", example: 1048576 })
  sizeBytes: number;

  @ApiPropertyOptional({
    description:
      "Lower-case hex SHA-256 of an uploaded archive; its download ETag is this, quoted. Absent for a pipeline's " +
      'archive, which the service has not read',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256?: string;

  @ApiProperty({
    description: "ISO 8601: when it was uploaded; for a pipeline's archive, its object's Last-Modified",
    example: '2026-04-01T12:00:00.000Z',
  })
  createdAt: string;

  @ApiPropertyOptional({
    enum: ['pipeline'],
    description:
      '`pipeline`: stored by a training pipeline with the model-storage SDK (bucket `<modelName>`, object ' +
      '`<modelVersion>/<artifactVersion>/Model.zip`), not uploaded here; downloadModel serves it. Absent for an ' +
      'uploaded archive',
  })
  source?: 'pipeline';

  @ApiPropertyOptional({
    description: "A pipeline archive's download ETag: the object's S3 ETag",
    example: '"5d41402abc4b2a76b9719d911017c592"',
  })
  etag?: string;
}
