import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { AgentFailedException } from './agent-failed.exception';
import { AgentService } from './agent.service';
import { stepLimitResult } from './agent.prompts';
import { ChatTurn, LlmProvider, LlmProviderError } from './llm-provider';
import type { RegistryTools } from './registry-tools';

function scripted(...turns: Array<ChatTurn | Error>): LlmProvider & { calls: number } {
  const provider = {
    name: 'scripted',
    model: 'm',
    calls: 0,
    unavailableReason: () => null,
    chat: vi.fn(() => {
      const next = turns[provider.calls++];
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    }),
  };
  return provider;
}

const tools = {
  definitions: [],
  call: vi.fn((tool: string, raw: string) =>
    Promise.resolve({ tool, arguments: JSON.parse(raw), ok: true, result: 'done' }),
  ),
} as unknown as RegistryTools;

function agent(provider: LlmProvider, maxSteps: number): AgentService {
  return new AgentService(provider, tools, { llm: { maxSteps } } as AppConfig);
}

const call = (id: string) => ({ id, name: 'list_models', arguments: '{}' });

describe('AgentService loop', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('stops when one turn asks for more calls than the budget left, running only those within it', async () => {
    const provider = scripted(
      { content: null, toolCalls: [call('a'), call('b'), call('c')] },
      { content: 'unused', toolCalls: [] },
    );
    const answer = await agent(provider, 2).generate('go');
    expect(answer.response.result).toBe(stepLimitResult(2));
    expect(answer.response.steps).toHaveLength(2);
    expect(provider.calls).toBe(1);
  });

  it('gives the model a last turn to answer after the budget is used exactly', async () => {
    const provider = scripted(
      { content: null, toolCalls: [call('a'), call('b')] },
      { content: 'Two lists.', toolCalls: [] },
    );
    const answer = await agent(provider, 2).generate('go');
    expect(answer.response).toEqual({ result: 'Two lists.', steps: expect.any(Array) });
  });

  it('turns a provider failure into the failure envelope, keeping the steps made', async () => {
    const provider = scripted({ content: null, toolCalls: [call('a')] }, new LlmProviderError('down'));
    const failure = await agent(provider, 6)
      .generate('go')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailedException);
    expect((failure as AgentFailedException).envelope).toEqual({
      action: 'failed',
      request: { text: 'go' },
      response: { result: null, steps: [{ tool: 'list_models', arguments: {}, ok: true, result: 'done' }] },
      status: 'error',
      error_message: 'down',
    });
  });

  it('lets unexpected errors through to the global filter', async () => {
    await expect(agent(scripted(new TypeError('bug')), 6).generate('go')).rejects.toThrow(TypeError);
  });
});
