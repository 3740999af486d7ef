export class HealthStatusDto {
  /** @example "ok" */
  status: string;
  /** Each dependency's state. @example {"database":"up","artifactStore":"up"} */
  checks: Record<string, string>;
}
