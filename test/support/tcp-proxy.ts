import { createConnection, createServer, NetConnectOpts, Server, Socket } from 'node:net';
import { adminShutdownMessage, ServerMessageFramer } from './pg-wire';

/**
 * How open connections end: `close` (FIN), `reset` (RST), or `shutdown`, as PostgreSQL restarting
 * ends them: a statement under way finishes, then its result and a FATAL 57P01 arrive together and
 * the connection closes (idle ones get the FATAL at once).
 */
export type SeverMode = 'close' | 'reset' | 'shutdown';

interface ProxiedConnection {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Set while a shutdown waits for the statement under way to finish; sends `last` and the FATAL. */
  shuttingDown?: (last: Buffer) => void;
  /** The server finished its last answer (ReadyForQuery) and the client sent nothing since. */
  idle: boolean;
}

/** How long a shutdown lets statements under way finish before it ends their connections anyway. */
const SHUTDOWN_GRACE_MS = 200;

/**
 * A loopback TCP proxy a test can sever and restore, to cut the service off from PostgreSQL
 * without touching the server other tests use. The target is a TCP address or a Unix socket
 * (the embedded store).
 */
export class TcpProxy {
  private server?: Server;
  private readonly connections = new Set<ProxiedConnection>();

  private constructor(
    private readonly target: NetConnectOpts,
    public port = 0,
  ) {}

  static async start(target: NetConnectOpts): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen();
    return proxy;
  }

  /** Ends every open connection (see {@link SeverMode}) and refuses new ones (ECONNREFUSED). */
  async sever(mode: SeverMode = 'close'): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const ended: Promise<void>[] = [];
    for (const connection of this.connections) {
      if (mode === 'reset') connection.client.resetAndDestroy();
      else if (mode === 'close') connection.client.destroy();
      else ended.push(this.shutDown(connection));
    }
    if (mode !== 'shutdown') this.connections.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(ended);
  }

  private shutDown(connection: ProxiedConnection): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => connection.shuttingDown?.(Buffer.alloc(0)), SHUTDOWN_GRACE_MS);
      connection.shuttingDown = (last) => {
        clearTimeout(timer);
        connection.shuttingDown = () => undefined;
        // One write: the client reads the statement's result and the FATAL together.
        connection.client.end(Buffer.concat([last, adminShutdownMessage()]));
        connection.upstream.destroy();
        resolve();
      };
      if (connection.idle) connection.shuttingDown(Buffer.alloc(0));
    });
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    await this.sever();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      const connection: ProxiedConnection = { client, upstream, idle: true };
      const framer = new ServerMessageFramer();
      this.connections.add(connection);
      for (const socket of [client, upstream]) {
        socket.on('close', () => this.connections.delete(connection));
        socket.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        connection.idle = false;
        if (!connection.shuttingDown) upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        // Whole messages ending with ReadyForQuery ('Z', length 5, status): the statement is done.
        connection.idle = framer.push(chunk) && chunk.length >= 6 && chunk[chunk.length - 6] === 0x5a;
        if (connection.idle && connection.shuttingDown) connection.shuttingDown(chunk);
        else client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        const address = server.address();
        if (typeof address === 'object' && address) this.port = address.port;
        resolve();
      });
    });
  }
}
