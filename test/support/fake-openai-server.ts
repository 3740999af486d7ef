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

  /** Replaces the script and forgets recorded requests. */
  script(...replies: FakeReply[]): void {
    this.replies = [...replies];
    this.requests.length = 0;
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
    response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.rawBody ?? JSON.stringify(reply.body ?? {}));
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
