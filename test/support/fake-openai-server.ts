import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer of the fake server. */
export interface FakeReply {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Waits this long before answering (to provoke client timeouts). */
  delayMs?: number;
  /** Answers `stream: true` requests: these chunks as Server-Sent Events, then `[DONE]`. */
  chunks?: unknown[];
  /** Cuts the connection after this many chunks, without `[DONE]` (a server failing mid-stream). */
  cutAfter?: number;
  /** Waits this long before each chunk. */
  chunkDelayMs?: number;
}

/** What a Chat Completions request carries (as far as the tests look). */
export interface ChatRequestBody {
  model: string;
  messages: Array<Record<string, unknown>>;
  tools?: unknown[];
  tool_choice?: unknown;
  [field: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequestBody;
}

/**
 * A Chat Completions server on loopback that answers from a script and records every request,
 * to test the OpenAI-compatible provider without a network or a model.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  /** Answers whose client went away before they were complete. */
  abandoned = 0;
  private replies: FakeReply[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The LLM_BASE_URL to configure. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Replaces the script and forgets recorded requests and abandoned answers. */
  script(...replies: FakeReply[]): void {
    this.replies = [...replies];
    this.requests.length = 0;
    this.abandoned = 0;
  }

  get remainingReplies(): number {
    return this.replies.length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    this.requests.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(text || '{}') as ChatRequestBody,
    });
    const reply = this.replies.shift() ?? {
      status: 500,
      body: { error: { message: 'no scripted reply left' } },
    };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (response.destroyed) return;
    if (reply.chunks) return this.stream(reply, response);
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.rawBody ?? JSON.stringify(reply.body ?? {}));
  }

  private async stream(reply: FakeReply, response: ServerResponse): Promise<void> {
    let gone = false;
    response.once('close', () => {
      if (!response.writableFinished) {
        gone = true;
        this.abandoned += 1;
      }
    });
    response.writeHead(200, { 'content-type': 'text/event-stream', ...reply.headers });
    for (const [index, chunk] of (reply.chunks ?? []).entries()) {
      if (reply.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      if (gone) return;
      if (index === reply.cutAfter) {
        response.destroy();
        return;
      }
      response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    response.end('data: [DONE]\n\n');
  }
}

/** A completion whose message asks for tool calls. */
export function toolCallsReply(...calls: Array<{ id: string; name: string; arguments: string }>): FakeReply {
  return completion(
    {
      role: 'assistant',
      content: null,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    },
    'tool_calls',
  );
}

/** A completion with a final text answer. */
export function textReply(content: string): FakeReply {
  return completion({ role: 'assistant', content }, 'stop');
}

function completion(message: Record<string, unknown>, finishReason: string): FakeReply {
  return {
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'fake-model',
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    },
  };
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/** A streamed final answer, one chunk per piece. */
export function streamedTextReply(...pieces: string[]): FakeReply {
  return {
    chunks: [
      chunk({ role: 'assistant', content: '' }),
      ...pieces.map((piece) => chunk({ content: piece })),
      chunk({}, 'stop'),
    ],
  };
}

/**
 * Streamed tool calls as OpenAI sends them: per call, a first fragment with its index, id and
 * name, then its arguments in pieces of `argumentPiece` characters; the calls interleaved.
 */
export function streamedToolCallsReply(
  calls: Array<{ id: string; name: string; arguments: string }>,
  argumentPiece = 7,
): FakeReply {
  const first = calls.map((call, index) =>
    chunk({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    }),
  );
  const pieces: unknown[] = [];
  const longest = Math.max(...calls.map((call) => call.arguments.length));
  for (let at = 0; at < longest; at += argumentPiece) {
    calls.forEach((call, index) => {
      const piece = call.arguments.slice(at, at + argumentPiece);
      if (piece) pieces.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    });
  }
  return {
    chunks: [chunk({ role: 'assistant', content: null }), ...first, ...pieces, chunk({}, 'tool_calls')],
  };
}
