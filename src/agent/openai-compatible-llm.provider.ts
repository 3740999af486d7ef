import { Logger } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { AppConfig } from '../config/app-config';
import {
  ChatMessage,
  ChatOptions,
  ChatTurn,
  LlmProvider,
  LlmProviderError,
  OPENAI_NOT_CONFIGURED,
  ToolCall,
  ToolDefinition,
} from './llm-provider';

/** Used when LLM_BASE_URL is not set. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Retries of one model call, with the client's exponential backoff (honouring Retry-After). The
 * client retries 408, 409, 429, 5xx and connection failures only: a 400 is final.
 */
export const LLM_MAX_RETRIES = 2;

/** vLLM, Ollama and most in-cluster servers accept any key; the client insists on one. */
const PLACEHOLDER_API_KEY = 'not-needed';

/**
 * Any OpenAI-compatible Chat Completions server with function tools: OpenAI, vLLM, Ollama,
 * LiteLLM. LLM_TIMEOUT_MS bounds each model call including its retries.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name = 'openai';
  readonly model: string;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly configured: boolean;

  constructor(config: AppConfig['llm']) {
    this.model = config.model;
    this.timeoutMs = config.timeoutMs;
    // OpenAI itself needs a key; a self-hosted server needs its URL. Neither means nothing to call.
    this.configured = Boolean(config.model && (config.baseUrl || config.apiKey));
    const logger = new Logger(OpenAiCompatibleProvider.name);
    this.client = new OpenAI({
      // Every option explicit: the client would otherwise read OPENAI_* variables behind the config's back.
      baseURL: config.baseUrl ?? OPENAI_BASE_URL,
      apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
      organization: null,
      project: null,
      timeout: config.timeoutMs,
      maxRetries: LLM_MAX_RETRIES,
      logLevel: 'warn',
      logger: {
        error: (message: string) => logger.error(message),
        warn: (message: string) => logger.warn(message),
        info: (message: string) => logger.log(message),
        debug: (message: string) => logger.debug(message),
      },
    });
  }

  unavailableReason(): string | null {
    return this.configured ? null : OPENAI_NOT_CONFIGURED;
  }

  async chat(
    messages: readonly ChatMessage[],
    tools: readonly ToolDefinition[],
    options: ChatOptions = {},
  ): Promise<ChatTurn> {
    const body = {
      model: this.model,
      messages: messages.map(toOpenAiMessage),
      tools: tools.map(toOpenAiTool),
      tool_choice: 'auto' as const,
    };
    // One deadline for the call and its retries; an abort is final, unlike the client's own timeout.
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      if (!options.onTextDelta) {
        return fromCompletion(await this.client.chat.completions.create(body, { signal }));
      }
      // Streaming: the text reaches the client as the model writes it.
      const stream = await this.client.chat.completions.create({ ...body, stream: true }, { signal });
      return await fromStream(stream, options.onTextDelta, signal);
    } catch (error) {
      if (error instanceof LlmProviderError) throw error;
      throw this.describeFailure(error);
    }
  }

  private describeFailure(error: unknown): LlmProviderError {
    if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'TimeoutError')) {
      return new LlmProviderError(`The LLM provider did not answer within ${this.timeoutMs} ms`, {
        cause: error,
      });
    }
    if (error instanceof APIConnectionError) {
      return new LlmProviderError(`The LLM provider could not be reached: ${error.message}`, {
        cause: error,
      });
    }
    if (error instanceof APIError) {
      return new LlmProviderError(`The LLM provider answered HTTP ${error.status ?? 'error'}`, {
        cause: error,
      });
    }
    // E.g. a 200 whose body is not JSON.
    return new LlmProviderError(`The LLM provider's answer could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function toOpenAiMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: call.arguments },
              })),
            }
          : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

function toOpenAiTool(tool: ToolDefinition): ChatCompletionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  };
}

/** Checks the shape, since compatible servers vary: a malformed answer is the provider's failure. */
function fromCompletion(completion: ChatCompletion): ChatTurn {
  const message = (completion as Partial<ChatCompletion> | null)?.choices?.[0]?.message;
  if (!message || typeof message !== 'object') {
    throw new LlmProviderError('The LLM provider returned a malformed answer: no choices[0].message');
  }
  const calls = (message.tool_calls ?? []).map((call) => {
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } }).function;
    return { id: call.id, name: fn?.name, arguments: fn?.arguments };
  });
  return toTurn(typeof message.content === 'string' ? message.content : null, calls);
}

/** A streamed tool call as its fragments add up: the id and name come first, the arguments in pieces. */
interface CallFragments {
  id?: unknown;
  name?: unknown;
  arguments: string;
}

/**
 * Accumulates a `stream: true` answer: text deltas (each passed on as it arrives) and tool calls
 * whose fragments are keyed by their `index`.
 */
async function fromStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  onTextDelta: (text: string) => void,
  signal: AbortSignal,
): Promise<ChatTurn> {
  let content: string | null = null;
  let sawChoice = false;
  const calls = new Map<number, CallFragments>();
  for await (const chunk of stream) {
    const choice = (chunk as Partial<ChatCompletionChunk> | null)?.choices?.[0];
    // Usage-only chunks have no choice.
    if (!choice || typeof choice !== 'object') continue;
    sawChoice = true;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '') {
      content = (content ?? '') + delta.content;
      onTextDelta(delta.content);
    }
    for (const fragment of delta.tool_calls ?? []) {
      const index = typeof fragment.index === 'number' ? fragment.index : calls.size;
      const call = calls.get(index) ?? { arguments: '' };
      if (fragment.id) call.id = fragment.id;
      const fn = fragment.function;
      if (typeof fn?.name === 'string' && fn.name !== '')
        call.name = typeof call.name === 'string' ? call.name + fn.name : fn.name;
      if (typeof fn?.arguments === 'string') call.arguments += fn.arguments;
      calls.set(index, call);
    }
  }
  // The client's stream ends quietly when aborted: a cut-off answer must not pass for a whole one.
  if (signal.aborted) throw new APIUserAbortError();
  if (!sawChoice) {
    throw new LlmProviderError('The LLM provider returned a malformed answer: a stream without choices');
  }
  const ordered = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  return toTurn(content, ordered);
}

function toTurn(
  content: string | null,
  calls: ReadonlyArray<{ id?: unknown; name?: unknown; arguments?: unknown }>,
): ChatTurn {
  const toolCalls: ToolCall[] = calls.map((call, index) => {
    if (typeof call.name !== 'string' || call.name === '') {
      throw new LlmProviderError(
        'The LLM provider returned a malformed answer: a tool call without a function name',
      );
    }
    // Some servers send arguments as an object, or omit the id; the loop needs both as the API defines them.
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {});
    return {
      id: typeof call.id === 'string' && call.id ? call.id : `call_${index}`,
      name: call.name,
      arguments: args,
    };
  });
  if (toolCalls.length === 0 && !content?.trim()) {
    throw new LlmProviderError('The LLM provider returned a malformed answer: neither text nor tool calls');
  }
  return { content, toolCalls };
}
