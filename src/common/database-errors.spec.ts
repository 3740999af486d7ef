import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

function failed(driverError: Error & { code?: string }): QueryFailedError {
  return new QueryFailedError('INSERT …', [], driverError);
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it('a released query runner (its connection died mid-transaction) is a lost connection', () => {
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it("pg's code-less connection errors, bare or wrapped in a QueryFailedError", () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated due to connection timeout',
      'Client was closed and is not queryable',
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
      'Query read timeout',
    ]) {
      expect({ message, bare: isDatabaseUnavailable(new Error(message)) }).toEqual({ message, bare: true });
      expect({ message, wrapped: isDatabaseUnavailable(failed(new Error(message))) }).toEqual({
        message,
        wrapped: true,
      });
    }
  });

  it('socket errors and PostgreSQL shutdown codes', () => {
    expect(isDatabaseUnavailable(withCode('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(
      isDatabaseUnavailable(failed(withCode('terminating connection due to administrator command', '57P01'))),
    ).toBe(true);
  });

  it('a wrong query is not', () => {
    expect(isDatabaseUnavailable(failed(withCode('syntax error at or near "x"', '42601')))).toBe(false);
    expect(isDatabaseUnavailable(failed(withCode('duplicate key value', '23505')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
  });
});
