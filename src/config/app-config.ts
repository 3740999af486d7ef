import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { EnvironmentVariables } from './environment.variables';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize: number }
  | { readonly kind: 'embedded'; readonly dataDir: string };

export interface S3Config {
  readonly url: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  /** Single-bucket layout when set; otherwise the Go service's bucket-per-model layout. */
  readonly bucket?: string;
}

export type TrustProxy = false | number | string[];

/** The service's configuration, validated once at boot. */
export interface AppConfig {
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly corsOrigins: '*' | string[];
    /** A connection with no byte in either direction for this long is closed; no total-duration limit. */
    readonly idleTimeoutMs: number;
    /** Headers must be complete within this (slowloris). */
    readonly headersTimeoutMs: number;
    /**
     * Which peers' X-Forwarded-For is believed: none (false), the nearest N hops, or these
     * addresses/subnets, as proxy-addr reads them (the HTTP adapter passes them on).
     */
    readonly trustProxy: TrustProxy;
  };
  readonly database: DatabaseConfig;
  readonly runMigrations: boolean;
  readonly dataDir: string;
  readonly artifacts: {
    readonly maxUploadBytes: number;
    readonly modelFilePostfix: string;
    readonly s3?: S3Config;
  };
  /** The whole registry's listing is kept in memory up to this size (0: never kept). */
  readonly listingCacheBytes: number;
  /** Once idle this long, memory a burst left behind is given back (0: never). */
  readonly idleMemoryReleaseMs: number;
  readonly llm: {
    readonly provider: 'stub' | 'openai';
    readonly model: string;
    readonly baseUrl?: string;
    readonly apiKey?: string;
    readonly timeoutMs: number;
    readonly maxSteps: number;
    /** generate-content requests per client address and minute. */
    readonly rateLimitPerMinute: number;
  };
  /** The assistant's stored conversations: oldest turns dropped past the bounds, forgotten when idle. */
  readonly conversations: {
    readonly maxTurns: number;
    readonly maxBytes: number;
    readonly idleSeconds: number;
  };
  /** The Training Manager the assistant's workflow tools call; `url` is undefined when TM_URL is empty. */
  readonly trainingManager: { readonly url?: string; readonly timeoutMs: number };
  readonly auth: { readonly apiKeys: string[]; readonly protectReads: boolean };
  /** Whether the web console is served at `/`. */
  readonly uiEnabled: boolean;
  readonly logLevel: LogLevel;
}

/** Injection token for {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Thrown at boot; its message has one line per bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

const DEFAULT_PORT = 8082;
const DEFAULT_TM_URL = 'http://tm.traininghost:32002';
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
export const DEFAULT_LISTING_CACHE_BYTES = 4 * 1024 ** 2;
export const DEFAULT_IDLE_MEMORY_RELEASE_MS = 30_000;
const S3_COPY_LIMIT_BYTES = 5 * 1024 ** 3;

export function loadAppConfig(raw: Record<string, string | undefined>): AppConfig {
  const env = plainToInstance(EnvironmentVariables, pick(raw));
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  // Every problem at once, so that one restart shows them all.
  const problems = [...errors.map((error) => describe(error, raw)), ...crossFieldProblems(env)];
  if (problems.length > 0) throw new ConfigValidationError(problems);

  const listen = parseListen(env);
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const llmProvider = (env.LLM_PROVIDER ?? 'stub') as 'stub' | 'openai';

  return {
    http: {
      ...listen,
      corsOrigins: parseOrigins(env.CORS_ORIGINS),
      idleTimeoutMs: env.HTTP_IDLE_TIMEOUT_MS ?? 60_000,
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS ?? 60_000,
      trustProxy: parseTrustProxy(env.TRUST_PROXY) as TrustProxy,
    },
    database: databaseConfig(env, dataDir),
    runMigrations: env.RUN_MIGRATIONS ?? true,
    dataDir,
    artifacts: {
      maxUploadBytes: env.MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES,
      modelFilePostfix: env.MODEL_FILE_POSTFIX ?? '_model.zip',
      s3: env.S3_URL
        ? {
            url: env.S3_URL,
            accessKey: env.S3_ACCESS_KEY ?? '',
            secretKey: env.S3_SECRET_KEY ?? '',
            region: env.S3_REGION ?? 'us-east-1',
            bucket: env.S3_BUCKET,
          }
        : undefined,
    },
    listingCacheBytes: env.LISTING_CACHE_BYTES ?? DEFAULT_LISTING_CACHE_BYTES,
    idleMemoryReleaseMs: env.IDLE_MEMORY_RELEASE_MS ?? DEFAULT_IDLE_MEMORY_RELEASE_MS,
    llm: {
      provider: llmProvider,
      model: env.LLM_MODEL ?? (llmProvider === 'stub' ? 'stub-intent-parser' : ''),
      baseUrl: env.LLM_BASE_URL,
      apiKey: env.LLM_API_KEY || undefined,
      timeoutMs: env.LLM_TIMEOUT_MS ?? 30_000,
      maxSteps: env.AGENT_MAX_STEPS ?? 6,
      rateLimitPerMinute: env.AGENT_RATE_LIMIT_PER_MINUTE ?? 60,
    },
    conversations: {
      maxTurns: env.AGENT_CONVERSATION_MAX_TURNS ?? 20,
      maxBytes: env.AGENT_CONVERSATION_MAX_BYTES ?? 256 * 1024,
      idleSeconds: env.AGENT_CONVERSATION_IDLE_SECONDS ?? 3600,
    },
    trainingManager: {
      // Empty means off; unset means the AIMLFW deployment's TM service (namespace traininghost).
      url: env.TM_URL === '' ? undefined : (env.TM_URL ?? DEFAULT_TM_URL).replace(/\/+$/, ''),
      timeoutMs: env.TM_TIMEOUT_MS ?? 10_000,
    },
    auth: {
      apiKeys: splitList(env.API_KEYS),
      protectReads: env.API_KEYS_PROTECT_READS ?? false,
    },
    uiEnabled: env.UI_ENABLED ?? true,
    logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
  };
}

/** The embedded store's files live here. */
export function embeddedDatabaseDir(dataDir: string): string {
  return join(dataDir, 'pgdata');
}

function pick(raw: Record<string, string | undefined>): Record<string, string> {
  // Only our variables reach validation: Kubernetes injects many others.
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined && OUR_VARIABLES.has(key)) out[key] = value;
  }
  return out;
}

/** The variables EnvironmentVariables declares: its validation metadata is the one list of them. */
const OUR_VARIABLES = new Set(
  getMetadataStorage()
    .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
    .map((metadata) => metadata.propertyName),
);

const SECRET_VARIABLES = new Set([
  'PG_PASSWORD',
  'S3_SECRET_KEY',
  'S3_ACCESS_KEY',
  'LLM_API_KEY',
  'API_KEYS',
  'DATABASE_URL',
]);

/** A type failure makes the range checks that also failed noise. */
const TYPE_CONSTRAINTS = ['isInt', 'isBoolean'];

function describe(error: ValidationError, raw: Record<string, string | undefined>): string {
  const constraints = error.constraints ?? {};
  const typeFailure = TYPE_CONSTRAINTS.find((name) => name in constraints);
  const messages = typeFailure ? constraints[typeFailure] : Object.values(constraints).join('; ');
  // Never echo a secret or a connection string back into the logs.
  const shown = SECRET_VARIABLES.has(error.property) ? '' : ` (got ${JSON.stringify(raw[error.property])})`;
  return `${error.property}: ${messages}${shown}`;
}

/** Rules that span variables or go beyond one decorator. */
function crossFieldProblems(env: EnvironmentVariables): string[] {
  const problems: string[] = [];
  if (env.LLM_PROVIDER === 'openai' && !env.LLM_MODEL) problems.push('LLM_PROVIDER=openai needs LLM_MODEL');
  if (env.S3_URL && (env.MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES) > S3_COPY_LIMIT_BYTES) {
    // An upload reaches its final key by CopyObject, which S3 limits to 5 GiB.
    problems.push(
      `MAX_UPLOAD_BYTES: at most ${S3_COPY_LIMIT_BYTES} (5 GiB) with S3_URL (got ${env.MAX_UPLOAD_BYTES})`,
    );
  }
  // Keys that vanish in parsing would turn authentication off without a word; the value is a secret.
  if (env.API_KEYS !== undefined && splitList(env.API_KEYS).length === 0) {
    problems.push(
      'API_KEYS: is set but holds no key (comma-separated keys expected; unset it to turn API keys off)',
    );
  }
  if (env.API_KEYS_PROTECT_READS === true && env.API_KEYS === undefined) {
    problems.push('API_KEYS_PROTECT_READS: needs API_KEYS (without keys every endpoint is open)');
  }
  if (env.TRUST_PROXY !== undefined && typeof parseTrustProxy(env.TRUST_PROXY) === 'string') {
    problems.push(
      `TRUST_PROXY: ${parseTrustProxy(env.TRUST_PROXY) as string} (got ${JSON.stringify(env.TRUST_PROXY)})`,
    );
  }
  const mmesPort = env.MMES_URL ? mmesUrlPort(env.MMES_URL) : undefined;
  if (mmesPort !== undefined && (mmesPort < 1 || mmesPort > 65535)) {
    problems.push(`MMES_URL: port must be from 1 to 65535 (got ${JSON.stringify(env.MMES_URL)})`);
  }
  return problems;
}

function mmesUrlPort(mmesUrl: string): number {
  return Number(mmesUrl.slice(mmesUrl.lastIndexOf(':') + 1));
}

function parseListen(env: EnvironmentVariables): { host: string; port: number } {
  const mmesHost = env.MMES_URL ? env.MMES_URL.slice(0, env.MMES_URL.lastIndexOf(':')) : '';
  return {
    host: env.HOST ?? (mmesHost || '0.0.0.0'),
    port: env.PORT ?? (env.MMES_URL ? mmesUrlPort(env.MMES_URL) : DEFAULT_PORT),
  };
}

function databaseConfig(env: EnvironmentVariables, dataDir: string): DatabaseConfig {
  const poolSize = env.DB_POOL_SIZE ?? 10;
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL, poolSize };
  if (env.PG_HOST) {
    const url = new URL('postgres://localhost');
    url.hostname = env.PG_HOST;
    url.port = String(env.PG_PORT ?? 5432);
    url.username = env.PG_USER ?? 'postgres';
    url.password = env.PG_PASSWORD ?? '';
    url.pathname = `/${env.PG_DBNAME ?? 'postgres'}`;
    return { kind: 'postgres', url: url.toString(), poolSize };
  }
  return { kind: 'embedded', dataDir: embeddedDatabaseDir(dataDir) };
}

/** proxy-addr's names for address ranges, which Express and Fastify both accept. */
const TRUST_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: `false` (default), a hop count 1-100, or a comma-separated list of addresses,
 * subnets (CIDR) and range names. `true` (trust any X-Forwarded-For) is refused: any client could
 * then choose its own rate-limit key. Returns the problem's text instead when the value is bad.
 */
function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = value?.trim() ?? 'false';
  if (text === 'false' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 100 ? hops : 'a hop count must be at most 100';
  }
  const entries = splitList(text);
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (entries.length === 0 || bad.length > 0) {
    return 'must be false, a hop count, or a comma-separated list of IP addresses, CIDR subnets, loopback, linklocal, uniquelocal';
  }
  return entries;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (TRUST_PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function parseOrigins(value: string | undefined): '*' | string[] {
  const origins = splitList(value);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
