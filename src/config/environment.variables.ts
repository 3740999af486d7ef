import { Transform, Type } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The environment as the service reads it: upstream (Go service) names included.
 * Unknown variables are ignored; Kubernetes injects many.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  /** Upstream's listen address, `host:port`. */
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

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
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

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString()
  RUN_MIGRATIONS?: string;

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

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES?: number;

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

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  LLM_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  AGENT_MAX_STEPS?: number;

  /** The Training Manager's base URL for the assistant's workflow tools; empty turns them off. */
  @IsOptional()
  @ValidateIf((env: EnvironmentVariables) => env.TM_URL !== '')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  TM_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  TM_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AGENT_RATE_LIMIT_PER_MINUTE?: number;

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

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsBooleanString()
  API_KEYS_PROTECT_READS?: string;
}
