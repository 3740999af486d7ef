import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AppConfig } from '../config/app-config';

/**
 * Timeouts on inactivity, not on total duration: Node's default requestTimeout (300 s) cut any upload
 * longer than that (2 GiB below ~7 MB/s) with 408. Call before listen. Plain node:http, any adapter.
 */
export function applyHttpTimeouts(
  server: Server,
  { idleTimeoutMs, headersTimeoutMs }: AppConfig['http'],
): void {
  server.requestTimeout = 0;
  // Slowloris: headers that trickle in forever. Node checks this deadline every
  // connectionsCheckingInterval (30 s by default, read at listen); a quarter of it bounds the overshoot.
  server.headersTimeout = headersTimeoutMs;
  // A createServer option that @types/node does not declare on the instance; Node reads it at listen.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    50,
    Math.min(30_000, Math.floor(headersTimeoutMs / 4)),
  );

  const inFlight = new WeakMap<Socket, { request: IncomingMessage; response: ServerResponse }>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    inFlight.set(request.socket, { request, response });
    response.once('close', () => inFlight.delete(request.socket));
  });
  // With a listener here, Node leaves the decision to close to us.
  server.setTimeout(idleTimeoutMs, (socket: Socket) => {
    const exchange = inFlight.get(socket);
    // Body received and the client keeping up with the answer: the wait is the service's own (a
    // large copy to the final key, a slow store), not an idle client. Any later byte re-arms the timer.
    if (exchange?.request.complete && !exchange.response.writableNeedDrain) return;
    socket.destroy();
  });
}
