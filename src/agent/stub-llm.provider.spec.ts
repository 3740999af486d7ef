import type { ChatMessage, ChatTurn, ToolDefinition } from './llm-provider';
import { REGISTRY_TOOL_DEFINITIONS } from './registry-tools';
import { STUB_HELP, StubLlmProvider } from './stub-llm.provider';
import { WORKFLOW_TOOL_DEFINITIONS } from './workflow/workflow-tools';

const TOOLS = [...REGISTRY_TOOL_DEFINITIONS, ...WORKFLOW_TOOL_DEFINITIONS];
const COMPLETE = { description: 'd', author: 'a', inputDataType: 'i', outputDataType: 'o' };
const stub = new StubLlmProvider({
  provider: 'stub',
  model: 'stub-intent-parser',
  timeoutMs: 1000,
  rateLimitPerMinute: 60,
  maxSteps: 6,
});

function ask(text: string, tools: readonly ToolDefinition[] = TOOLS): Promise<ChatTurn> {
  return stub.chat(
    [
      { role: 'system', content: 'sys' },
      { role: 'user', content: text },
    ],
    tools,
  );
}

async function argumentsOf(turn: Promise<ChatTurn>, tool: string): Promise<unknown> {
  const { toolCalls, content } = await turn;
  expect(content).toBeNull();
  expect(toolCalls.map((call) => call.name)).toEqual([tool]);
  return JSON.parse(toolCalls[0].arguments);
}

/** Plays the user turns; every earlier one must be answered with a question (no tool call). */
async function conversation(...turns: string[]): Promise<ChatTurn> {
  const messages: ChatMessage[] = [{ role: 'system', content: 'sys' }];
  for (const [index, turn] of turns.entries()) {
    messages.push({ role: 'user', content: turn });
    const answer = await stub.chat(messages, TOOLS);
    if (index === turns.length - 1) return answer;
    expect(answer.toolCalls).toEqual([]);
    expect(answer.content).toMatch(/\?$/);
    messages.push({ role: 'assistant', content: answer.content, toolCalls: [] });
  }
  throw new Error('no turns');
}

describe('StubLlmProvider', () => {
  it('parses every register clause, in any order, with both quote styles and mixed case', async () => {
    const text =
      'please REGISTER Model m Version 2 Input \'a,b\' author alice OUTPUT o owner team location s3://x description "QoE prediction"';
    expect(await argumentsOf(ask(text), 'register_model')).toEqual({
      modelName: 'm',
      modelVersion: '2',
      inputDataType: 'a,b',
      author: 'alice',
      outputDataType: 'o',
      owner: 'team',
      modelLocation: 's3://x',
      description: 'QoE prediction',
    });
  });

  it('reads an unquoted description up to the next clause keyword, never only its first word', async () => {
    const text =
      'register model qoe version 1 description QoE prediction for cells author alice input i output o';
    expect(await argumentsOf(ask(text), 'register_model')).toMatchObject({
      description: 'QoE prediction for cells',
      author: 'alice',
    });
  });

  it('keeps a quoted keyword as a value', async () => {
    expect(
      await argumentsOf(
        ask('register model m version "author" description "d" author a input i output o'),
        'register_model',
      ),
    ).toEqual({ modelName: 'm', modelVersion: 'author', ...COMPLETE });
  });

  it('asks about a model name of two words instead of keeping one of them', async () => {
    const turn = await ask(
      'register model traffic forecaster version 1 description d author a input i output o',
    );
    expect(turn.toolCalls).toEqual([]);
    expect(turn.content).toBe(
      'The model name must be one word, and I read "traffic forecaster". Which one is it (e.g. traffic-forecaster)?',
    );
  });

  it('understands paraphrases, typos and word order for listing', async () => {
    for (const text of [
      'what models do we have?',
      'list all models',
      'how many models are registered?',
      'lsit models',
      'models list',
    ]) {
      expect(await argumentsOf(ask(text), 'list_models')).toEqual({});
    }
    expect(await argumentsOf(ask('show me qoe'), 'list_models')).toEqual({ modelName: 'qoe' });
    expect(await argumentsOf(ask('please Show Model qoe Version 2'), 'get_model')).toEqual({
      modelName: 'qoe',
      modelVersion: '2',
    });
  });

  it('understands Korean', async () => {
    expect(await argumentsOf(ask('모델 목록 보여줘'), 'list_models')).toEqual({});
    expect(await argumentsOf(ask('qoe 모델 보여줘'), 'list_models')).toEqual({ modelName: 'qoe' });
    expect(
      await argumentsOf(
        ask('모델 traffic 버전 1 등록해줘 설명 트래픽 예측 작성자 alice 입력 a 출력 b'),
        'register_model',
      ),
    ).toEqual({
      modelName: 'traffic',
      modelVersion: '1',
      description: '트래픽 예측',
      author: 'alice',
      inputDataType: 'a',
      outputDataType: 'b',
    });
    const question = await ask('모델 traffic 버전 1 등록해줘');
    expect(question.content).toBe(
      '모델 traffic 버전 1 등록에 작성자이(가) 필요합니다 (그 밖에 설명, 입력 데이터 타입, 출력 데이터 타입도 필요합니다. ' +
        '한 번에 보내도 됩니다: author <name> description <text> input <features> output <features>). 작성자은(는) 무엇인가요?',
    );
  });

  it('asks for one missing field at a time, naming the others, and fills it from the next turn', async () => {
    const first = await conversation(
      'register model traffic version 1 description traffic forecast input i output o',
    );
    expect(first.content).toBe('To register model traffic version 1 I need the author. What is the author?');
    const done = await conversation(
      'register model traffic version 1 description traffic forecast input i output o',
      'alice',
    );
    expect(JSON.parse(done.toolCalls[0].arguments)).toEqual({
      modelName: 'traffic',
      modelVersion: '1',
      description: 'traffic forecast',
      author: 'alice',
      inputDataType: 'i',
      outputDataType: 'o',
    });
    const many = await conversation('register model traffic version 1');
    expect(many.content).toBe(
      'To register model traffic version 1 I need the author. I also need the description, the input data type, ' +
        'the output data type; you can give them all at once: author <name> description <text> input <features> output <features>. ' +
        'What is the author?',
    );
  });

  it('drops the open request when the user starts another or cancels', async () => {
    expect((await conversation('register model traffic version 1', 'list models')).toolCalls[0].name).toBe(
      'list_models',
    );
    expect((await conversation('register model traffic version 1', 'cancel')).content).toBe(
      'Cancelled; nothing was done.',
    );
  });

  it('says the workflow tools are unavailable when they are not offered', async () => {
    expect((await ask('list feature groups', REGISTRY_TOOL_DEFINITIONS)).content).toBe(
      'I cannot list feature groups now: the Training Manager is not available (see GET /experiment/agent/modelInfo).',
    );
  });

  it('answers anything else with the help text', async () => {
    for (const text of ['', 'hello']) expect(await ask(text)).toEqual({ content: STUB_HELP, toolCalls: [] });
  });

  it('summarizes the tool results of the previous turn, and a failed call as a failure', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'list models' },
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ id: 'stub-call-1', name: 'list_models', arguments: '{}' }],
      },
      {
        role: 'tool',
        toolCallId: 'stub-call-1',
        content: JSON.stringify({
          total: 3,
          models: [
            { modelName: 'a', modelVersion: '1' },
            { modelName: 'b', modelVersion: '2' },
          ],
        }),
      },
    ];
    expect(await stub.chat(messages, [])).toEqual({
      content: '3 models are registered (the first 2 shown): a version 1, b version 2.',
      toolCalls: [],
    });
    const failed: ChatMessage[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'status of job 3' },
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ id: 'stub-call-1', name: 'training_job_status', arguments: '{"trainingJobId":3}' }],
      },
      {
        role: 'tool',
        toolCallId: 'stub-call-1',
        content: JSON.stringify({ error: 'The Training Manager answered HTTP 500' }),
      },
    ];
    expect((await stub.chat(failed, [])).content).toBe(
      'I could not get the status of training job 3: The Training Manager answered HTTP 500',
    );
    expect(stub.unavailableReason()).toBeNull();
    expect([stub.name, stub.model]).toEqual(['stub', 'stub-intent-parser']);
  });
});
