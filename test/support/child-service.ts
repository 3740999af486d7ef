import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, TestDatabase } from './test-database';

export const ROOT = resolve(__dirname, '..', '..');
export const MAIN_JS = join(ROOT, 'dist', 'main.js');
/** The console's page: `npm run build` writes it after the service. */
export const CONSOLE_PAGE = join(ROOT, 'dist', 'ui', 'index.html');
const READY_WITHIN_MS = 120_000;

/** `npm run build` when the service or the console is not built (the child runs the build, as in the image). */
export function buildIfMissing(): void {
  if (existsSync(MAIN_JS) && existsSync(CONSOLE_PAGE)) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

/** What a test file of child processes shares: a fresh database, a DATA_DIR, and the service it runs. */
export interface ChildServiceFixture {
  readonly database: TestDatabase;
  readonly dataDir: string;
  /** The child's environment on them: DATABASE_URL, DB_POOL_SIZE and DATA_DIR. */
  env(): Record<string, string>;
  /** Killed after the file's tests if still running. */
  service?: ChildService;
}

/** Registers the file's beforeAll/afterAll: build if needed, create both, then kill and remove. */
export function childServiceFixture(dataDirPrefix: string): ChildServiceFixture {
  const fixture = {} as { -readonly [K in keyof ChildServiceFixture]: ChildServiceFixture[K] };
  fixture.env = () => ({
    DATABASE_URL: fixture.database.url,
    DB_POOL_SIZE: String(fixture.database.poolSize),
    DATA_DIR: fixture.dataDir,
  });
  beforeAll(async () => {
    buildIfMissing();
    fixture.database = await createTestDatabase();
    fixture.dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
  }, 150_000);
  afterAll(async () => {
    await fixture.service?.kill();
    await fixture.database?.drop();
    if (fixture.dataDir) await rm(fixture.dataDir, { recursive: true, force: true });
  });
  return fixture;
}

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** When the process ended (Date.now()). */
  readonly at: number;
}

export interface ChildService {
  readonly process: ChildProcess;
  readonly base: string;
  readonly port: number;
  readonly exited: Promise<ChildExit>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL if still running (clean-up after a failed test). */
  kill(): Promise<void>;
}

/** Starts `node dist/main.js` with `env` (on top of a clean copy of this process's environment). */
export async function startChildService(env: Record<string, string>): Promise<ChildService> {
  const service = await spawnChildService(env);
  try {
    await waitReady(service.base, service.exited);
  } catch (error) {
    await service.kill();
    throw new Error(`${(error as Error).message}\n${service.output()}`, { cause: error });
  }
  return service;
}

/** Like {@link startChildService}, without waiting for it to be ready (a start that must fail). */
export async function spawnChildService(env: Record<string, string>): Promise<ChildService> {
  const port = await freePort();
  // Nothing from the caller's shell may point the child elsewhere; what the test passes wins.
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const name of ['PG_HOST', 'S3_URL', 'S3_BUCKET', 'MMES_URL', 'API_KEYS', 'API_KEYS_PROTECT_READS'])
    delete inherited[name];
  if (!env.DATABASE_URL) delete inherited.DATABASE_URL;
  const childEnv: Record<string, string | undefined> = {
    ...inherited,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // A release is a 0.2 s pause 30 s into a quiet test; test/idle-memory-release turns it on.
    IDLE_MEMORY_RELEASE_MS: '0',
    ...env,
  };
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<ChildExit>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal, at: Date.now() })),
  );
  const base = `http://127.0.0.1:${port}`;
  const service: ChildService = {
    process: child,
    base,
    port,
    exited,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  return service;
}

async function waitReady(base: string, exited: Promise<ChildExit>): Promise<void> {
  let exit: ChildExit | undefined;
  void exited.then((value) => (exit = value));
  // A first start of the embedded store initialises a cluster: ~5 s idle, far more on a loaded machine.
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (exit) throw new Error(`the service exited before it was ready (${JSON.stringify(exit)})`);
    try {
      const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service was not ready within ${READY_WITHIN_MS / 1000} s (${last})`);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
