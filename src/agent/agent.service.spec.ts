import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { AgentFailedException } from './agent-failed.exception';
import type { AgentConversationService } from './agent-conversation.service';
import { AgentService } from './agent.service';
import { AGENT_SYSTEM_PROMPT, NOT_RUN_STEP_LIMIT, stepLimitResult } from './agent.prompts';
import { ChatMessage, ChatTurn, LlmProvider, LlmProviderError } from './llm-provider';
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
  settled: () => Promise.resolve(),
  call: vi.fn((tool: string, raw: string) =>
    Promise.resolve({ tool, arguments: JSON.parse(raw), ok: true, result: 'done' }),
  ),
} as unknown as RegistryTools;

const HISTORY: ChatMessage[] = [
  { role: 'user', content: 'earlier' },
  { role: 'assistant', content: 'Earlier answer.', toolCalls: [] },
];

const conversations = {
  open: vi.fn((id?: string) => Promise.resolve({ id: id ?? 'c-new', history: id ? HISTORY : [] })),
  record: vi.fn(() => Promise.resolve(true)),
};

function agent(provider: LlmProvider, maxSteps: number): AgentService {
  return new AgentService(
    provider,
    tools,
    conversations as unknown as AgentConversationService,
    { llm: { maxSteps } } as AppConfig,
  );
}

const call = (id: string) => ({ id, name: 'list_models', arguments: '{}' });

describe('AgentService loop', () => {
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => conversations.record.mockClear());

  it('puts the stored history between the system prompt and the new request, and stores what the turn added', async () => {
    const provider = scripted({ content: 'Hi again.', toolCalls: [] });
    const answer = await agent(provider, 6).generate({ text: 'go', conversationId: 'c-old' });
    expect(answer.conversationId).toBe('c-old');
    expect(provider.chat).toHaveBeenCalledWith(
      [{ role: 'system', content: AGENT_SYSTEM_PROMPT }, ...HISTORY, { role: 'user', content: 'go' }],
      [],
      { onTextDelta: undefined, signal: undefined },
    );
    expect(conversations.record).toHaveBeenCalledWith('c-old', {
      at: expect.any(String),
      text: 'go',
      result: 'Hi again.',
      steps: [],
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: 'Hi again.', toolCalls: [] },
      ],
    });
  });

  it('stores a result for every call of a turn the step limit cut short', async () => {
    const provider = scripted({ content: null, toolCalls: [call('a'), call('b'), call('c')] });
    await agent(provider, 2).generate({ text: 'go' });
    const [, stored] = conversations.record.mock.calls[0] as unknown as [string, { messages: ChatMessage[] }];
    expect(stored.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, toolCalls: [call('a'), call('b'), call('c')] },
      { role: 'tool', toolCallId: 'a', content: JSON.stringify('done') },
      { role: 'tool', toolCallId: 'b', content: JSON.stringify('done') },
      { role: 'tool', toolCallId: 'c', content: NOT_RUN_STEP_LIMIT },
      { role: 'assistant', content: stepLimitResult(2), toolCalls: [] },
    ]);
  });

  it('stops when one turn asks for more calls than the budget left, running only those within it', async () => {
    const provider = scripted(
      { content: null, toolCalls: [call('a'), call('b'), call('c')] },
      { content: 'unused', toolCalls: [] },
    );
    const answer = await agent(provider, 2).generate({ text: 'go' });
    expect(answer.response.result).toBe(stepLimitResult(2));
    expect(answer.response.steps).toHaveLength(2);
    expect(provider.calls).toBe(1);
  });

  it('gives the model a last turn to answer after the budget is used exactly', async () => {
    const provider = scripted(
      { content: null, toolCalls: [call('a'), call('b')] },
      { content: 'Two lists.', toolCalls: [] },
    );
    const answer = await agent(provider, 2).generate({ text: 'go' });
    expect(answer.response).toEqual({ result: 'Two lists.', steps: expect.any(Array) });
  });

  it('turns a provider failure into the failure envelope, keeping the steps made', async () => {
    const provider = scripted({ content: null, toolCalls: [call('a')] }, new LlmProviderError('down'));
    const failure = await agent(provider, 6)
      .generate({ text: 'go' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailedException);
    expect((failure as AgentFailedException).envelope).toEqual({
      action: 'failed',
      request: { text: 'go' },
      response: { result: null, steps: [{ tool: 'list_models', arguments: {}, ok: true, result: 'done' }] },
      status: 'error',
      error_message: 'down',
      conversationId: 'c-new',
    });
    expect(conversations.record).not.toHaveBeenCalled();
  });

  it('lets unexpected errors through to the global filter', async () => {
    await expect(agent(scripted(new TypeError('bug')), 6).generate({ text: 'go' })).rejects.toThrow(
      TypeError,
    );
  });
});
