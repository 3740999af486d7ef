/** One uploaded archive of a registration. */
export class ArtifactSummaryDto {
  /** @example "1.0.0" */
  artifactVersion: string;
  /** @example 1048576 */
  sizeBytes: number;
  /** Lower-case hex SHA-256 of the archive; its download ETag is this, quoted. @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" */
  sha256: string;
  /** ISO 8601. @example "2026-04-01T12:00:00.000Z" */
  createdAt: string;
}
