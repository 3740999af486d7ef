import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DependencyUnavailableException } from '../common/domain.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AgentFailedException } from './agent-failed.exception';
import { AGENT_SYSTEM_PROMPT, stepLimitResult } from './agent.prompts';
import type { AgentResponseDto } from './dto/agent-response.dto';
import type { ModelInfoDto } from './dto/model-info.dto';
import { ChatMessage, LLM_PROVIDER, LlmProvider, LlmProviderError } from './llm-provider';
import { RegistryTools, ToolOutcome } from './registry-tools';

type Outcome = 'completed' | 'step_limit' | 'failed' | 'error';

interface Conversation {
  readonly steps: ToolOutcome[];
  llmCalls: number;
}

/**
 * The assistant: a bounded tool loop. The model answers, or asks for tool calls whose results
 * (errors included) go back to it, until it answers or AGENT_MAX_STEPS tool calls have been made.
 */
@Injectable()
export class AgentService {
  private readonly logger = new Logger(AgentService.name);
  private readonly maxSteps: number;

  constructor(
    @Inject(LLM_PROVIDER) private readonly llm: LlmProvider,
    private readonly tools: RegistryTools,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxSteps = config.llm.maxSteps;
  }

  modelInfo(): ModelInfoDto {
    this.requireAvailable();
    return {
      llm: { model: this.llm.model, provider: this.llm.name },
      tools: this.tools.definitions.map((tool) => tool.name),
      trainingManager: this.tools.trainingManager(),
    };
  }

  /** Throws {@link AgentFailedException} (502 envelope) when the provider fails. */
  async generate(text: string): Promise<AgentResponseDto> {
    this.requireAvailable();
    const started = performance.now();
    const conversation: Conversation = { steps: [], llmCalls: 0 };
    try {
      const { result, outcome } = await this.converse(text, conversation);
      this.logRequest(outcome, conversation, started);
      return {
        action: 'completed',
        request: { text },
        response: { result, steps: conversation.steps },
        status: 'ok',
        error_message: null,
      };
    } catch (error) {
      if (!(error instanceof LlmProviderError)) {
        this.logRequest('error', conversation, started, error);
        throw error;
      }
      this.logRequest('failed', conversation, started, error);
      throw new AgentFailedException({
        action: 'failed',
        request: { text },
        response: { result: null, steps: conversation.steps },
        status: 'error',
        error_message: error.message,
      });
    }
  }

  private async converse(
    text: string,
    conversation: Conversation,
  ): Promise<{ result: string; outcome: Outcome }> {
    const { steps } = conversation;
    const messages: ChatMessage[] = [
      { role: 'system', content: AGENT_SYSTEM_PROMPT },
      { role: 'user', content: text },
    ];
    for (;;) {
      conversation.llmCalls += 1;
      const turn = await this.llm.chat(messages, this.tools.definitions);
      if (turn.toolCalls.length === 0) return { result: turn.content ?? '', outcome: 'completed' };
      messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
      for (const toolCall of turn.toolCalls) {
        // Every non-final turn makes at least one call, so the model is asked at most maxSteps + 1 times.
        if (steps.length >= this.maxSteps)
          return { result: stepLimitResult(this.maxSteps), outcome: 'step_limit' };
        const outcome = await this.tools.call(toolCall.name, toolCall.arguments, { history: messages });
        steps.push(outcome);
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
  private logRequest(outcome: Outcome, conversation: Conversation, started: number, error?: unknown): void {
    const line = {
      provider: this.llm.name,
      model: this.llm.model,
      steps: conversation.steps.length,
      llmCalls: conversation.llmCalls,
      latencyMs: Math.round(performance.now() - started),
      outcome,
      ...(error instanceof Error ? { error: error.message } : {}),
    };
    if (outcome === 'completed' || outcome === 'step_limit')
      this.logger.log(line, 'Assistant request served');
    else this.logger.warn(line, 'Assistant request failed');
  }
}
