import type { INestApplication } from '@nestjs/common';
import { LLM_PROVIDER, type ChatMessage, type LlmProvider } from '../../src/agent/llm-provider';
import { AGENT_SYSTEM_PROMPT } from '../../src/agent/agent.prompts';
import { RegistryTools, type ToolOutcome } from '../../src/agent/registry-tools';

/**
 * A conversation with the app's own provider and tools, the whole history given back on every
 * turn, the tool loop run as AgentService runs it. Until generate-content takes a conversation id,
 * multi-turn cases are tested through this.
 */
export class AgentConversation {
  readonly messages: ChatMessage[] = [{ role: 'system', content: AGENT_SYSTEM_PROMPT }];
  private readonly llm: LlmProvider;
  private readonly tools: RegistryTools;

  constructor(app: INestApplication) {
    this.llm = app.get<LlmProvider>(LLM_PROVIDER);
    this.tools = app.get(RegistryTools);
  }

  async say(text: string): Promise<{ result: string; steps: ToolOutcome[] }> {
    this.messages.push({ role: 'user', content: text });
    const steps: ToolOutcome[] = [];
    for (let turns = 0; turns < 7; turns += 1) {
      const turn = await this.llm.chat(this.messages, this.tools.definitions);
      this.messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
      if (turn.toolCalls.length === 0) return { result: turn.content ?? '', steps };
      for (const call of turn.toolCalls) {
        const outcome = await this.tools.call(call.name, call.arguments, { history: this.messages });
        steps.push(outcome);
        const content = JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error });
        this.messages.push({ role: 'tool', toolCallId: call.id, content });
      }
    }
    throw new Error('the conversation did not end');
  }
}
