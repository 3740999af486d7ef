import { join, resolve } from 'node:path';
import { ConfigValidationError, loadAppConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadAppConfig', () => {
  it('TRUST_PROXY: false, a hop count, or addresses, subnets and range names', () => {
    const trust = (value: string) => loadAppConfig({ TRUST_PROXY: value }).http.trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, loopback,fd00::1')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::1']);
    const message =
      'must be false, a hop count, or a comma-separated list of IP addresses, CIDR subnets, loopback, linklocal, uniquelocal';
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([`TRUST_PROXY: ${message} (got "true")`]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })).toEqual([
      `TRUST_PROXY: ${message} (got "10.0.0.0/33")`,
    ]);
    expect(problemsOf({ TRUST_PROXY: '101' })).toEqual([
      'TRUST_PROXY: a hop count must be at most 100 (got "101")',
    ]);
  });

  it('conversation bounds are validated', () => {
    expect(problemsOf({ AGENT_CONVERSATION_MAX_TURNS: '0', AGENT_CONVERSATION_IDLE_SECONDS: 'x' })).toEqual([
      'AGENT_CONVERSATION_MAX_TURNS: AGENT_CONVERSATION_MAX_TURNS must not be less than 1 (got "0")',
      'AGENT_CONVERSATION_IDLE_SECONDS: AGENT_CONVERSATION_IDLE_SECONDS must be an integer number (got "x")',
    ]);
  });

  it('defaults: port 8082 on all interfaces, embedded database under ./data, stub assistant', () => {
    const config = loadAppConfig({});
    expect(config.http).toEqual({
      host: '0.0.0.0',
      port: 8082,
      corsOrigins: '*',
      idleTimeoutMs: 60000,
      headersTimeoutMs: 60000,
      trustProxy: false,
    });
    expect(config.database).toEqual({ kind: 'embedded', dataDir: join(resolve('./data'), 'pgdata') });
    expect(config.runMigrations).toBe(true);
    expect(config.artifacts).toEqual({
      maxUploadBytes: 2147483648,
      modelFilePostfix: '_model.zip',
      s3: undefined,
    });
    expect(config.listingCacheBytes).toBe(4194304);
    expect(config.idleMemoryReleaseMs).toBe(30000);
    expect(config.llm).toEqual({
      provider: 'stub',
      model: 'stub-intent-parser',
      baseUrl: undefined,
      apiKey: undefined,
      timeoutMs: 30000,
      maxSteps: 6,
      rateLimitPerMinute: 60,
    });
    expect(config.conversations).toEqual({ maxTurns: 20, maxBytes: 262144, idleSeconds: 3600 });
    expect(config.auth).toEqual({ apiKeys: [], protectReads: false });
    expect(config.logLevel).toBe('info');
  });

  it('accepts the upstream configmap unchanged (MMES_URL, PG_*, S3_*, MODEL_FILE_POSTFIX)', () => {
    const config = loadAppConfig({
      MMES_URL: '0.0.0.0:8082',
      PG_HOST: 'tm-db-postgresql',
      PG_PORT: '5432',
      PG_USER: 'postgres',
      PG_PASSWORD: 'p@ss/word',
      PG_DBNAME: 'training_manager_database',
      S3_URL: 'http://leofs.kubeflow:8080',
      S3_ACCESS_KEY: 'leofs',
      S3_SECRET_KEY: 'secret',
      MODEL_FILE_POSTFIX: '_model.zip',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
    });
    expect(config.http).toMatchObject({ host: '0.0.0.0', port: 8082 });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres:p%40ss%2Fword@tm-db-postgresql:5432/training_manager_database',
      poolSize: 10,
    });
    expect(config.artifacts.s3).toEqual({
      url: 'http://leofs.kubeflow:8080',
      accessKey: 'leofs',
      secretKey: 'secret',
      region: 'us-east-1',
      bucket: undefined,
    });
  });

  it('DATABASE_URL wins over PG_*; PORT and HOST over MMES_URL', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'postgresql://u:p@db:5433/x',
      PG_HOST: 'ignored',
      MMES_URL: 'localhost:9000',
      PORT: '7000',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u:p@db:5433/x', poolSize: 10 });
    expect(config.http).toMatchObject({ host: 'localhost', port: 7000 });
  });

  it('parses lists and flags', () => {
    const config = loadAppConfig({
      CORS_ORIGINS: 'http://a.example, http://b.example',
      API_KEYS: 'k1, k2,,',
      API_KEYS_PROTECT_READS: 'true',
      RUN_MIGRATIONS: 'false',
      UI_ENABLED: '0',
    });
    expect(config.http.corsOrigins).toEqual(['http://a.example', 'http://b.example']);
    expect(config.auth).toEqual({ apiKeys: ['k1', 'k2'], protectReads: true });
    expect(config.runMigrations).toBe(false);
    expect(config.uiEnabled).toBe(false);
  });

  it('parses every boolean variable one way: true/false/1/0, any case', () => {
    for (const [value, parsed] of [
      ['1', true],
      ['0', false],
      ['true', true],
      ['TRUE', true],
      ['false', false],
      ['False', false],
    ] as const) {
      const config = loadAppConfig({ API_KEYS: 'k', API_KEYS_PROTECT_READS: value, RUN_MIGRATIONS: value });
      expect({ value, protectReads: config.auth.protectReads, runMigrations: config.runMigrations }).toEqual({
        value,
        protectReads: parsed,
        runMigrations: parsed,
      });
    }
    expect(loadAppConfig({ RUN_MIGRATIONS: '', API_KEYS_PROTECT_READS: '' })).toMatchObject({
      runMigrations: true,
      auth: { protectReads: false },
    });
    expect(problemsOf({ RUN_MIGRATIONS: 'yes', API_KEYS_PROTECT_READS: 'on' })).toEqual([
      'RUN_MIGRATIONS: RUN_MIGRATIONS must be true, false, 1 or 0 (got "yes")',
      'API_KEYS_PROTECT_READS: API_KEYS_PROTECT_READS must be true, false, 1 or 0 (got "on")',
    ]);
  });

  it('an API_KEYS that is set but holds no key stops start-up, without echoing it', () => {
    for (const value of [' , ', '', ',', '  ']) {
      expect(problemsOf({ API_KEYS: value })).toEqual([
        'API_KEYS: is set but holds no key (comma-separated keys expected; unset it to turn API keys off)',
      ]);
    }
    expect(problemsOf({ API_KEYS_PROTECT_READS: 'true' })).toEqual([
      'API_KEYS_PROTECT_READS: needs API_KEYS (without keys every endpoint is open)',
    ]);
  });

  it('HTTP timeouts: inactivity and headers, validated', () => {
    expect(
      loadAppConfig({ HTTP_IDLE_TIMEOUT_MS: '1500', HTTP_HEADERS_TIMEOUT_MS: '2000' }).http,
    ).toMatchObject({
      idleTimeoutMs: 1500,
      headersTimeoutMs: 2000,
    });
    expect(problemsOf({ HTTP_IDLE_TIMEOUT_MS: '0', HTTP_HEADERS_TIMEOUT_MS: 'soon' })).toEqual([
      'HTTP_IDLE_TIMEOUT_MS: HTTP_IDLE_TIMEOUT_MS must not be less than 100 (got "0")',
      'HTTP_HEADERS_TIMEOUT_MS: HTTP_HEADERS_TIMEOUT_MS must be an integer number (got "soon")',
    ]);
  });

  it('TM_URL: the in-cluster TM service by default, empty turns the workflow tools off, otherwise an http(s) URL', () => {
    expect(loadAppConfig({}).trainingManager).toEqual({
      url: 'http://tm.traininghost:32002',
      timeoutMs: 10000,
    });
    expect(loadAppConfig({ TM_URL: '' }).trainingManager).toEqual({ url: undefined, timeoutMs: 10000 });
    expect(loadAppConfig({ TM_URL: 'http://127.0.0.1:9/', TM_TIMEOUT_MS: '500' }).trainingManager).toEqual({
      url: 'http://127.0.0.1:9',
      timeoutMs: 500,
    });
    expect(problemsOf({ TM_URL: 'tm.traininghost:32002', TM_TIMEOUT_MS: '5' })).toEqual([
      'TM_URL: TM_URL must be a URL address (got "tm.traininghost:32002")',
      'TM_TIMEOUT_MS: TM_TIMEOUT_MS must not be less than 100 (got "5")',
    ]);
  });

  it('one line per bad variable, naming it', () => {
    expect(problemsOf({ PORT: 'eighty', LLM_PROVIDER: 'bard', MAX_UPLOAD_BYTES: '-1' })).toEqual([
      'PORT: PORT must be an integer number (got "eighty")',
      'MAX_UPLOAD_BYTES: MAX_UPLOAD_BYTES must not be less than 1 (got "-1")',
      'LLM_PROVIDER: LLM_PROVIDER must be one of the following values: stub, openai (got "bard")',
    ]);
    expect(problemsOf({ LISTING_CACHE_BYTES: '-1' })).toEqual([
      'LISTING_CACHE_BYTES: LISTING_CACHE_BYTES must not be less than 0 (got "-1")',
    ]);
    expect(loadAppConfig({ LISTING_CACHE_BYTES: '0' }).listingCacheBytes).toBe(0);
    expect(problemsOf({ IDLE_MEMORY_RELEASE_MS: 'soon' })).toEqual([
      'IDLE_MEMORY_RELEASE_MS: IDLE_MEMORY_RELEASE_MS must be an integer number (got "soon")',
    ]);
    expect(loadAppConfig({ IDLE_MEMORY_RELEASE_MS: '0' }).idleMemoryReleaseMs).toBe(0);
    expect(problemsOf({ MMES_URL: 'nohostport' })).toEqual([
      'MMES_URL: MMES_URL must look like host:port (got "nohostport")',
    ]);
    expect(problemsOf({ LLM_PROVIDER: 'openai' })).toEqual(['LLM_PROVIDER=openai needs LLM_MODEL']);
    expect(problemsOf({ S3_URL: 'http://leofs:8080', MAX_UPLOAD_BYTES: '6442450944' })).toEqual([
      'MAX_UPLOAD_BYTES: at most 5368709120 (5 GiB) with S3_URL (got 6442450944)',
    ]);
    expect(
      loadAppConfig({ S3_URL: 'http://leofs:8080', MAX_UPLOAD_BYTES: '5368709120' }).artifacts.maxUploadBytes,
    ).toBe(5368709120);
    expect(problemsOf({ PORT: '0', MMES_URL: 'host:70000' })).toEqual([
      'PORT: PORT must not be less than 1 (got "0")',
      'MMES_URL: port must be from 1 to 65535 (got "host:70000")',
    ]);
  });

  it('never echoes a secret or a connection string', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(problems).toEqual(['DATABASE_URL: DATABASE_URL must be a postgres:// or postgresql:// URL']);
    expect(problems.join()).not.toContain('hunter2');
  });
});
