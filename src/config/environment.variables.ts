import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, Matches, ValidateIf } from 'class-validator';
import { IsBooleanVariable } from './boolean-variable.decorator';
import { IsIntegerVariable } from './integer-variable.decorator';

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The environment as the service reads it: upstream (Go service) names included.
 * Unknown variables are ignored; Kubernetes injects many.
 */
export class EnvironmentVariables {
  @IsIntegerVariable(1, 65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  /** Upstream's listen address, `host:port`. */
  /** A connection that moves no byte for this long is closed (uploads and downloads included). */
  @IsIntegerVariable(100, 3_600_000)
  HTTP_IDLE_TIMEOUT_MS?: number;

  /** A request whose headers are not complete after this long is answered 408 (slowloris). */
  @IsIntegerVariable(100, 600_000)
  HTTP_HEADERS_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[^:\s]*:\d{1,5}$/, { message: 'MMES_URL must look like host:port' })
  MMES_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PG_HOST?: string;

  @IsIntegerVariable(1, 65535)
  PG_PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PG_USER?: string;

  @IsOptional()
  @IsString()
  PG_PASSWORD?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  PG_DBNAME?: string;

  @IsIntegerVariable(1, 1000)
  DB_POOL_SIZE?: number;

  @IsBooleanVariable()
  RUN_MIGRATIONS?: boolean;

  @IsBooleanVariable()
  UI_ENABLED?: boolean;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  S3_URL?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_KEY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET must be a valid bucket name (3-63 lower-case letters, digits, dots, hyphens)',
  })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  MODEL_FILE_POSTFIX?: string;

  @IsIntegerVariable(1)
  MAX_UPLOAD_BYTES?: number;

  @IsIntegerVariable(0, 256 * 1024 * 1024)
  LISTING_CACHE_BYTES?: number;

  /** Once idle this long, the service gives back memory a burst left behind (0: never). */
  @IsIntegerVariable(0, 3_600_000)
  IDLE_MEMORY_RELEASE_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['stub', 'openai'])
  LLM_PROVIDER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  LLM_MODEL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  LLM_BASE_URL?: string;

  @IsOptional()
  @IsString()
  LLM_API_KEY?: string;

  @IsIntegerVariable(100, 600_000)
  LLM_TIMEOUT_MS?: number;

  @IsIntegerVariable(1, 50)
  AGENT_MAX_STEPS?: number;

  /** The Training Manager's base URL for the assistant's workflow tools; empty turns them off. */
  @IsOptional()
  @ValidateIf((env: EnvironmentVariables) => env.TM_URL !== '')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TM_URL?: string;

  @IsIntegerVariable(100, 600_000)
  TM_TIMEOUT_MS?: number;

  @IsIntegerVariable(1, 100_000)
  AGENT_RATE_LIMIT_PER_MINUTE?: number;

  /** Stored conversation turns; the oldest are dropped beyond it. */
  @IsIntegerVariable(1, 1000)
  AGENT_CONVERSATION_MAX_TURNS?: number;

  /** Stored conversation size (JSON bytes); the oldest turns are dropped beyond it. */
  @IsIntegerVariable(1024, 16 * 1024 * 1024)
  AGENT_CONVERSATION_MAX_BYTES?: number;

  /** A conversation unused this long is forgotten. */
  @IsIntegerVariable(1, 30 * 24 * 3600)
  AGENT_CONVERSATION_IDLE_SECONDS?: number;

  /** `false`, a hop count, or addresses/subnets of the proxies in front (parsed in app-config.ts). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  API_KEYS?: string;

  @IsBooleanVariable()
  API_KEYS_PROTECT_READS?: boolean;
}
