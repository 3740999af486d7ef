import { describe, expect, it } from 'vitest';
import { serverSentEvents, type ServerSentEvent } from './server-sent-events';

/** A body that arrives in exactly these chunks. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function events(...chunks: string[]): Promise<ServerSentEvent[]> {
  const all: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(body(...chunks))) all.push(event);
  return all;
}

describe('serverSentEvents', () => {
  it('parses blocks separated by a blank line, with LF or CRLF', async () => {
    expect(
      await events('event: delta\ndata: {"text":"a"}\n\n', 'event: done\r\ndata: {"x":1}\r\n\r\n'),
    ).toEqual([
      { event: 'delta', data: { text: 'a' } },
      { event: 'done', data: { x: 1 } },
    ]);
  });

  it('keeps the event name when a CRLF is split between two chunks', async () => {
    expect(await events('event: step\r', '\ndata: {"tool":"list_models"}\r\n\r\n')).toEqual([
      { event: 'step', data: { tool: 'list_models' } },
    ]);
  });

  it('keeps the blank line when its CRLF pair is split between two chunks', async () => {
    expect(
      await events('event: delta\r\ndata: {"text":"a"}\r\n\r', '\nevent: done\r\ndata: {}\r\n\r\n'),
    ).toEqual([
      { event: 'delta', data: { text: 'a' } },
      { event: 'done', data: {} },
    ]);
  });

  it('joins an event split in the middle of a line', async () => {
    expect(await events('ev', 'ent: del', 'ta\ndata: {"te', 'xt":"hi"}\n', '\n')).toEqual([
      { event: 'delta', data: { text: 'hi' } },
    ]);
  });

  it('takes a lone CR as a line end', async () => {
    expect(await events('event: delta\rdata: {"text":"a"}\r\r')).toEqual([
      { event: 'delta', data: { text: 'a' } },
    ]);
  });
});
