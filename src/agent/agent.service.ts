import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DependencyUnavailableException } from '../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AgentConversationService, OpenConversation } from './agent-conversation.service';
import { AgentFailedException } from './agent-failed.exception';
import { AGENT_SYSTEM_PROMPT, NOT_RUN_STEP_LIMIT, stepLimitResult } from './agent.prompts';
import type { AgentResponseDto } from './dto/agent-response.dto';
import type { GenerateContentDto } from './dto/generate-content.dto';
import type { ModelInfoDto } from './dto/model-info.dto';
import { ChatMessage, LLM_PROVIDER, LlmProvider, LlmProviderError } from './llm-provider';
import { RegistryTools, ToolOutcome } from './registry-tools';
import { textChunks } from './text-chunks';

type Outcome = 'completed' | 'step_limit' | 'failed' | 'aborted' | 'error';

/** Follows a turn as it runs (the SSE stream). */
export interface TurnListener {
  /** A tool call has finished. */
  onStep(step: ToolOutcome): void;
  /** A piece of the answer's text. */
  onTextDelta(text: string): void;
  /** Aborted when the client has gone: the turn stops and is not stored. */
  readonly signal: AbortSignal;
}

/** What one assistant request did, for its log line. */
export interface AssistantRequestSummary {
  readonly provider: string;
  readonly model: string;
  readonly steps: number;
  readonly llmCalls: number;
  readonly latencyMs: number;
  readonly outcome: Outcome;
  readonly error?: string;
}

/** A request whose conversation is open and whose provider can serve: nothing was sent yet. */
export interface PendingTurn extends OpenConversation {
  readonly text: string;
  /** Takes the request's summary instead of a log line of its own (the HTTP layer's access line). */
  readonly report?: (summary: AssistantRequestSummary, failed: boolean) => void;
}

interface Progress {
  readonly steps: ToolOutcome[];
  llmCalls: number;
}

interface Answer {
  readonly result: string;
  readonly outcome: Outcome;
  /** What the turn adds to the conversation: the user message through the final answer. */
  readonly messages: ChatMessage[];
  /** Whether the provider streamed the final text (else the listener gets it in chunks). */
  readonly streamed: boolean;
}

/** The client went away during the turn. */
export class TurnAbortedError extends Error {
  constructor() {
    super('The client disconnected');
    this.name = 'TurnAbortedError';
  }
}

/**
 * The assistant: a bounded tool loop. The model answers, or asks for tool calls whose results
 * (errors included) go back to it, until it answers or AGENT_MAX_STEPS tool calls have been made.
 * The conversation's earlier turns come before the new request; the answered turn is stored.
 */
@Injectable()
export class AgentService {
  private readonly logger = new Logger(AgentService.name);
  private readonly maxSteps: number;

  constructor(
    @Inject(LLM_PROVIDER) private readonly llm: LlmProvider,
    private readonly tools: RegistryTools,
    private readonly conversations: AgentConversationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxSteps = config.llm.maxSteps;
  }

  async modelInfo(): Promise<ModelInfoDto> {
    this.requireAvailable();
    await this.tools.settled();
    return {
      llm: { model: this.llm.model, provider: this.llm.name },
      tools: this.tools.definitions.map((tool) => tool.name),
      trainingManager: this.tools.trainingManager(),
    };
  }

  /** One turn, answered as JSON. */
  async generate(body: GenerateContentDto): Promise<AgentResponseDto> {
    return this.answer(await this.begin(body));
  }

  /** Everything that can fail before the model is asked: 503 (provider), 404 (conversation). */
  async begin(body: GenerateContentDto, report?: PendingTurn['report']): Promise<PendingTurn> {
    this.requireAvailable();
    const conversation = await this.conversations.open(body.conversationId);
    return { ...conversation, text: body.text, report };
  }

  /**
   * Runs the turn and stores it. Throws {@link AgentFailedException} (502 envelope) when the
   * provider fails and {@link TurnAbortedError} when the listener's signal aborts.
   */
  async answer(turn: PendingTurn, listener?: TurnListener): Promise<AgentResponseDto> {
    const { text, id: conversationId } = turn;
    const started = performance.now();
    const progress: Progress = { steps: [], llmCalls: 0 };
    try {
      const answer = await this.converse(turn, progress, listener);
      if (listener && !answer.streamed)
        for (const chunk of textChunks(answer.result)) listener.onTextDelta(chunk);
      await this.conversations.record(conversationId, {
        at: new Date().toISOString(),
        text,
        result: answer.result,
        steps: progress.steps,
        messages: answer.messages,
      });
      this.logRequest(turn, answer.outcome, progress, started);
      return {
        action: 'completed',
        request: { text },
        response: { result: answer.result, steps: progress.steps },
        status: 'ok',
        error_message: null,
        conversationId,
      };
    } catch (error) {
      if (listener?.signal.aborted) {
        this.logRequest(turn, 'aborted', progress, started);
        throw new TurnAbortedError();
      }
      if (!(error instanceof LlmProviderError)) {
        this.logRequest(turn, 'error', progress, started, error);
        throw error;
      }
      // A failed turn is not stored: the conversation stays as it was, and the user can send it again.
      this.logRequest(turn, 'failed', progress, started, error);
      throw new AgentFailedException({
        action: 'failed',
        request: { text },
        response: { result: null, steps: progress.steps },
        status: 'error',
        error_message: error.message,
        conversationId,
      });
    }
  }

  private async converse(turn: PendingTurn, progress: Progress, listener?: TurnListener): Promise<Answer> {
    const { steps } = progress;
    const messages: ChatMessage[] = [
      { role: 'system', content: AGENT_SYSTEM_PROMPT },
      ...turn.history,
      { role: 'user', content: turn.text },
    ];
    const added = () => messages.slice(1 + turn.history.length);
    const signal = listener?.signal;
    await this.tools.settled();
    for (;;) {
      throwIfAborted(signal);
      progress.llmCalls += 1;
      let streamed = false;
      const onTextDelta = listener
        ? (delta: string) => {
            streamed = true;
            listener.onTextDelta(delta);
          }
        : undefined;
      // A copy: the loop goes on appending to its own list.
      const reply = await this.llm.chat([...messages], this.tools.definitions, { onTextDelta, signal });
      throwIfAborted(signal);
      if (reply.toolCalls.length === 0) {
        const result = reply.content ?? '';
        messages.push({ role: 'assistant', content: result, toolCalls: [] });
        return { result, outcome: 'completed', messages: added(), streamed };
      }
      messages.push({ role: 'assistant', content: reply.content, toolCalls: reply.toolCalls });
      for (const [index, toolCall] of reply.toolCalls.entries()) {
        // Every non-final turn makes at least one call, so the model is asked at most maxSteps + 1 times.
        if (steps.length >= this.maxSteps) {
          // Every call gets its result, as Chat Completions servers require of the history.
          for (const notRun of reply.toolCalls.slice(index))
            messages.push({ role: 'tool', toolCallId: notRun.id, content: NOT_RUN_STEP_LIMIT });
          const result = stepLimitResult(this.maxSteps);
          messages.push({ role: 'assistant', content: result, toolCalls: [] });
          return { result, outcome: 'step_limit', messages: added(), streamed: false };
        }
        throwIfAborted(signal);
        const outcome = await this.tools.call(toolCall.name, toolCall.arguments, { history: messages });
        steps.push(outcome);
        listener?.onStep(outcome);
        const content = JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error });
        messages.push({ role: 'tool', toolCallId: toolCall.id, content });
      }
    }
  }

  private requireAvailable(): void {
    const reason = this.llm.unavailableReason();
    if (reason !== null) throw new DependencyUnavailableException(reason);
  }

  /** One line per request; the prompt and the API key stay out of it. */
  private logRequest(
    turn: PendingTurn,
    outcome: Outcome,
    progress: Progress,
    started: number,
    error?: unknown,
  ): void {
    const line: AssistantRequestSummary = {
      provider: this.llm.name,
      model: this.llm.model,
      steps: progress.steps.length,
      llmCalls: progress.llmCalls,
      latencyMs: Math.round(performance.now() - started),
      outcome,
      ...(error instanceof Error ? { error: error.message } : {}),
    };
    const served = outcome === 'completed' || outcome === 'step_limit';
    if (turn.report) turn.report(line, !served);
    else if (served) this.logger.log(line, 'Assistant request served');
    else this.logger.warn(line, 'Assistant request failed');
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TurnAbortedError();
}
