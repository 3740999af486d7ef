/** A random (version 4) UUID, as conversation ids are. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface ServerSentEvent {
  readonly event: string;
  readonly data: unknown;
}

/**
 * A small Server-Sent Events client over the fetch body reader, as a browser's chat UI would read
 * the stream: events are separated by a blank line; `data` is parsed as JSON.
 */
export async function* serverSentEvents(response: Response): AsyncGenerator<ServerSentEvent> {
  if (!response.body) throw new Error('no body');
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes as Uint8Array, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      yield { event, data: JSON.parse(data.join('\n')) };
    }
  }
  if (buffer.trim() !== '') throw new Error(`the stream ended inside an event: ${JSON.stringify(buffer)}`);
}

/** Every event of the stream, in order. */
export async function readAllEvents(response: Response): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(response)) events.push(event);
  return events;
}
