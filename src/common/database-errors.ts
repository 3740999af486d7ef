import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * TypeORM releases a query runner as soon as its connection reports an error; a transaction whose
 * connection died between two statements then fails with one of these on its next statement. Our
 * code never reuses a runner it released, so here they always mean a lost connection.
 */
const RELEASED_RUNNER_ERRORS = [QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError];

/**
 * pg's errors for a dead, closed or timed-out connection are plain Errors with no code: only
 * their messages tell them apart (pg/lib/client.js, pg-pool).
 */
const PG_CONNECTION_LOST =
  /Connection terminated|Client was closed and is not queryable|Client has encountered a connection error|timeout exceeded when trying to connect|Query read timeout|connection is closed/i;

/** pg's own error: TypeORM wraps it in a QueryFailedError; a named statement (pg directly) does not. */
function driverErrorOf(error: unknown): unknown {
  return error instanceof QueryFailedError ? (error.driverError as unknown) : error;
}

/** PostgreSQL unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = driverErrorOf(error);
  return candidate instanceof Error && (candidate as { code?: string }).code === '23505';
}

/**
 * True when the error says the database cannot be reached (rather than that a query was wrong):
 * these become 503s, not 500s.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (RELEASED_RUNNER_ERRORS.some((type) => error instanceof type)) return true;
  const candidate = driverErrorOf(error);
  if (!(candidate instanceof Error)) return false;
  const code = (candidate as { code?: string }).code ?? '';
  if (CONNECTION_ERROR_CODES.has(code)) return true;
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now),
  // 57014 (statement cancelled, e.g. by a timeout), 55P03 (lock not available).
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '57014' || code === '55P03') return true;
  return PG_CONNECTION_LOST.test(candidate.message);
}
