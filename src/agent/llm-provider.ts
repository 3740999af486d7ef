/**
 * The seam between the agent loop and a language model, shaped like Chat Completions so that
 * any OpenAI-compatible server maps onto it one to one and the offline stub can imitate one.
 */

/** Injection token of the {@link LlmProvider} chosen by LLM_PROVIDER. */
export const LLM_PROVIDER = Symbol('LLM_PROVIDER');

/**
 * Why the openai provider cannot serve without an endpoint or a key (503 on the assistant's routes).
 * Here, not in its module: that one loads the openai client, which only LLM_PROVIDER=openai needs.
 */
export const OPENAI_NOT_CONFIGURED =
  'The LLM provider "openai" needs LLM_BASE_URL (a self-hosted OpenAI-compatible server) or LLM_API_KEY (OpenAI)';

/** A function call the model asks for; `arguments` is JSON text, exactly as the model wrote it. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string | null; readonly toolCalls: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly content: string };

/** A function tool offered to the model; `parameters` is a JSON schema. */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

/** One answer of the model: final text, or tool calls (possibly with some text). */
export interface ChatTurn {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
}

/** What a turn may do besides answering. */
export interface ChatOptions {
  /**
   * Called with each piece of text as the model produces it, by providers that stream (the
   * agent chunks the final text itself for those that do not).
   */
  readonly onTextDelta?: (text: string) => void;
  /** Aborted when the client has gone: stop and throw. */
  readonly signal?: AbortSignal;
}

export interface LlmProvider {
  /** The LLM_PROVIDER value that selects it, as modelInfo reports it. */
  readonly name: string;
  readonly model: string;
  /**
   * Why the provider cannot serve, or null when it can. Must be cheap (configuration only, no
   * network): modelInfo calls it on every request.
   */
  unavailableReason(): string | null;
  /** One model turn. Throws {@link LlmProviderError} when the provider fails. */
  chat(
    messages: readonly ChatMessage[],
    tools: readonly ToolDefinition[],
    options?: ChatOptions,
  ): Promise<ChatTurn>;
}

/** The provider failed (HTTP error after retries, timeout, malformed answer): the request gets the 502 envelope. */
export class LlmProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmProviderError';
  }
}
