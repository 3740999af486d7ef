import { ChildService, buildIfMissing, startChildService } from './support/child-service';
import { send } from './support/child-http';
import { accessLinesOf, LogLine } from './support/log-lines';
import { DISCOVERY } from './support/model-fixtures';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every request header that can carry a credential, each with a value that must never reach the log. */
const CREDENTIAL_HEADERS = {
  authorization: 'Bearer secret-authorization-value',
  'proxy-authorization': 'Basic c2VjcmV0LXByb3h5LXZhbHVl',
  cookie: 'session=secret-cookie-value',
  'x-api-key': 'secret-x-api-key-value',
};

describe('access log redaction and the start-up line on access (a real process, its stdout)', () => {
  let service: ChildService;
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    buildIfMissing();
    dataDir = await mkdtemp(join(tmpdir(), 'mms-redact-'));
    database = await createTestDatabase();
    service = await startChildService({
      LOG_LEVEL: 'info',
      // The Authorization header below carries the real key: it must be redacted all the same.
      API_KEYS: 'secret-authorization-value',
      API_KEYS_PROTECT_READS: 'true',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
    });
  }, 150_000);
  afterAll(async () => {
    await service?.kill();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes every credential-bearing request header as [redacted]', async () => {
    const answer = await send(service.base, 'GET', DISCOVERY, {
      headers: {
        ...CREDENTIAL_HEADERS,
        'x-request-id': 'redaction-probe-1',
        'user-agent': 'redaction-probe',
      },
    });
    expect(answer.status).toBe(200);
    const line = await accessLine(service, 'redaction-probe-1');
    expect(line.req?.headers).toMatchObject({
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
      'user-agent': 'redaction-probe',
    });
    for (const value of Object.values(CREDENTIAL_HEADERS)) expect(service.output()).not.toContain(value);
    expect(service.output()).not.toContain('secret-');
  });

  it('says at start-up what stays public', () => {
    expect(service.output()).toContain(
      'API keys on, reads protected: every endpoint needs a key, Swagger UI and the API documents ' +
        '(/api-docs*) included; only /health and /metrics are public',
    );
  });
});

async function accessLine(service: ChildService, requestId: string): Promise<LogLine> {
  const [line] = await accessLinesOf(service, (candidate) => candidate.req?.id === requestId);
  if (!line) throw new Error(`no access log line for ${requestId}:\n${service.output()}`);
  return line;
}
