export interface ServerSentEvent {
  readonly event: string;
  readonly data: unknown;
}

/**
 * The events of a text/event-stream body, as they arrive (fetch's body reader): blocks are
 * separated by a blank line, `data` lines joined and parsed as JSON (the service sends one line).
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = pending + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
      pending = !done && text.endsWith('\r') ? '\r' : '';
      buffer += (pending ? text.slice(0, -1) : text).replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const parsed = parseBlock(block);
        if (parsed) yield parsed;
      }
      if (done) break;
    }
  } finally {
    reader.releaseLock();
  }
}

function parseBlock(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  return { event, data: JSON.parse(data.join('\n')) as unknown };
}
