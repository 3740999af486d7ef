import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import { connect, createServer, Server } from 'node:net';

/** What a running holder tells whoever probes its lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** What it is doing there, e.g. "serving HTTP on 0.0.0.0:8082". */
  readonly purpose?: string;
}

/** Another live process holds the directory: an operator's mistake, not a bug. */
export class DataDirInUseError extends Error {
  constructor(dir: string, holder: LockHolder | undefined, reason?: string) {
    const who = holder
      ? `pid ${holder.pid} on host ${holder.host}${holder.purpose ? `, ${holder.purpose}` : ''}, since ${holder.since}`
      : `another process (${reason ?? 'it did not say who it is'})`;
    super(
      `The embedded database in ${dir} is in use by ${who}: stop it first, or give this process ` +
        'another DATA_DIR or a PostgreSQL server (DATABASE_URL)',
    );
    this.name = 'DataDirInUseError';
    // Nest prints a failed start-up's error with its stack; this one is one line for the operator.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** sun_path holds 108 bytes with the final NUL. */
const MAX_SOCKET_PATH_BYTES = 107;
/** Added to the lock's name while a stale one is moved aside. */
const STALE_SUFFIX = '.stale-';
const PROBE_TIMEOUT_MS = 2_000;
const ATTEMPTS = 5;

/**
 * Single-writer lock on a directory: a Unix socket `<dir>.lock` that the holder keeps listening.
 * The kernel closes it when the holder dies, even by kill -9, so a later start finds the file
 * refusing connections and takes it over; a pid in a file could not tell (in a container the
 * service is pid 1 before and after a restart). A live holder answers a probe with who it is.
 * It guards processes of one host (one kernel): a socket file does not connect across NFS.
 */
export class DataDirLock {
  private constructor(
    private readonly server: Server,
    private readonly dirHandle?: FileHandle,
  ) {}

  static async acquire(dir: string, purpose?: string): Promise<DataDirLock> {
    const lockFile = `${dir}.lock`;
    await mkdir(dirname(lockFile), { recursive: true });
    const dirHandle = await openIfTooLong(lockFile);
    const path = dirHandle ? `/proc/self/fd/${dirHandle.fd}/${basename(lockFile)}` : lockFile;
    try {
      const holder: LockHolder = {
        pid: process.pid,
        host: hostname(),
        since: new Date().toISOString(),
        purpose,
      };
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const server = await listenOrUndefined(path, holder);
        if (server) return new DataDirLock(server, dirHandle);
        const probe = await probeLock(path);
        if (probe.alive) throw new DataDirInUseError(dir, probe.holder, probe.reason);
        await removeIfStale(path);
      }
      throw new DataDirInUseError(
        dir,
        undefined,
        `its lock ${lockFile} kept changing while this process tried to take it`,
      );
    } catch (error) {
      await dirHandle?.close();
      throw error;
    }
  }

  async release(): Promise<void> {
    // Closing a listening Unix socket removes its file.
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.dirHandle?.close();
  }
}

/** A path too long for a socket is reached through the directory's descriptor (Linux). */
async function openIfTooLong(lockFile: string): Promise<FileHandle | undefined> {
  if (Buffer.byteLength(`${lockFile}${STALE_SUFFIX}${staleId()}`) <= MAX_SOCKET_PATH_BYTES) return undefined;
  if (process.platform !== 'linux')
    throw new Error(`DATA_DIR is too long for the embedded database's lock socket ${lockFile}`);
  return open(dirname(lockFile), 'r');
}

async function listenOrUndefined(path: string, holder: LockHolder): Promise<Server | undefined> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end(`${JSON.stringify(holder)}\n`);
  });
  // The lock alone must not keep the process alive.
  server.unref();
  server.listen(path);
  try {
    // once() rejects with the 'error' event.
    await once(server, 'listening');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return undefined;
    throw error;
  }
  await chmod(path, 0o600);
  return server;
}

type Probe = { alive: false } | { alive: true; holder?: LockHolder; reason?: string };

/** Connecting tells: refused or gone means nobody listens any more. */
function probeLock(path: string): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect(path);
    let text = '';
    let connected = false;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ alive: true, reason: 'it did not answer who it is' });
    }, PROBE_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => (connected = true));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ alive: true, holder: parseHolder(text) });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolve({ alive: false });
      else resolve({ alive: true, reason: `probing its lock failed: ${error.code ?? error.message}` });
    });
  });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as LockHolder;
    return typeof value.pid === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Moves the dead lock aside, then checks that what was moved is still dead: a start that took the
 * lock between this one's probe and its move gets it back (unlinking by name would delete it).
 */
async function removeIfStale(path: string): Promise<void> {
  const aside = `${path}${STALE_SUFFIX}${staleId()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if ((await probeLock(aside)).alive) await link(aside, path).catch(() => undefined);
  } finally {
    await unlink(aside);
  }
}

function staleId(): string {
  return randomBytes(6).toString('hex');
}
