import type { ServerResponse } from 'node:http';

/**
 * The assistant's Server-Sent Events, written on the raw Node response (taken over from Fastify).
 */
export class ServerSentEventsWriter {
  private constructor(private readonly response: ServerResponse) {}

  /**
   * Sends 200 and the event-stream headers at once. Headers already set on the response (CORS,
   * X-Request-Id, security headers) go out with them. Proxies must not buffer the stream.
   */
  static open(response: ServerResponse): ServerSentEventsWriter {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    return new ServerSentEventsWriter(response);
  }

  /** The client has gone (or the stream was ended). */
  get closed(): boolean {
    return this.response.writableEnded || this.response.destroyed;
  }

  /** `data` is one JSON line: JSON.stringify escapes every newline. Dropped once the client has gone. */
  send(event: string, data: unknown): void {
    if (!this.closed) this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (!this.closed) this.response.end();
  }
}

/** Whether the client asked for an event stream (`Accept: text/event-stream`, parameters ignored). */
export function acceptsEventStream(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((range) => range.split(';')[0].trim().toLowerCase() === 'text/event-stream');
}

/** Calls `onGone` when the connection closes before the answer was complete. */
export function onClientGone(response: ServerResponse, onGone: () => void): void {
  response.once('close', () => {
    if (!response.writableFinished) onGone();
  });
}
