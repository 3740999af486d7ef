import { Logger } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { AppConfig } from '../config/app-config';
import {
  ChatMessage,
  ChatTurn,
  LlmProvider,
  LlmProviderError,
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
    return this.configured
      ? null
      : 'The LLM provider "openai" needs LLM_BASE_URL (a self-hosted OpenAI-compatible server) or LLM_API_KEY (OpenAI)';
  }

  async chat(messages: readonly ChatMessage[], tools: readonly ToolDefinition[]): Promise<ChatTurn> {
    let completion: ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: messages.map(toOpenAiMessage),
          tools: tools.map(toOpenAiTool),
          tool_choice: 'auto',
        },
        // One deadline for the call and its retries; an abort is final, unlike the client's own timeout.
        { signal: AbortSignal.timeout(this.timeoutMs) },
      );
    } catch (error) {
      throw this.describeFailure(error);
    }
    return fromCompletion(completion);
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
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call, index) => {
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } }).function;
    if (!fn || typeof fn.name !== 'string' || fn.name === '') {
      throw new LlmProviderError(
        'The LLM provider returned a malformed answer: a tool call without a function name',
      );
    }
    // Some servers send arguments as an object, or omit the id; the loop needs both as the API defines them.
    const args = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
    return {
      id: typeof call.id === 'string' && call.id ? call.id : `call_${index}`,
      name: fn.name,
      arguments: args,
    };
  });
  const content = typeof message.content === 'string' ? message.content : null;
  if (toolCalls.length === 0 && !content?.trim()) {
    throw new LlmProviderError('The LLM provider returned a malformed answer: neither text nor tool calls');
  }
  return { content, toolCalls };
}
