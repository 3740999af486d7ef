import { QueryFailedError } from 'typeorm';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** PostgreSQL unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/**
 * True when the error says the database cannot be reached (rather than that a query was wrong):
 * these become 503s, not 500s.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (!(candidate instanceof Error)) return false;
  const code = (candidate as { code?: string }).code ?? '';
  if (CONNECTION_ERROR_CODES.has(code)) return true;
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, cannot connect now),
  // 57014 (statement cancelled, e.g. by a timeout), 55P03 (lock not available).
  if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '57014' || code === '55P03') return true;
  // pg's own client-side timeouts and broken connections carry no code.
  return /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    candidate.message,
  );
}
