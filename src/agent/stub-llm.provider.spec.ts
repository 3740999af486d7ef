import type { ChatMessage, ChatTurn } from './llm-provider';
import { parseRequest, STUB_HELP, StubLlmProvider } from './stub-llm.provider';

const COMPLETE = { description: 'd', author: 'a', inputDataType: 'i', outputDataType: 'o' };

function registerCall(args: Record<string, string>): ChatTurn {
  return {
    content: null,
    toolCalls: [{ id: 'stub-call-1', name: 'register_model', arguments: JSON.stringify(args) }],
  };
}

function argumentsOf(turn: ChatTurn): unknown {
  expect(turn.toolCalls).toHaveLength(1);
  return JSON.parse(turn.toolCalls[0].arguments);
}

describe('StubLlmProvider grammar', () => {
  it('parses every register clause, in any order, with both quote styles and mixed case', () => {
    const turn = parseRequest(
      `LOCATION "s3://bucket/m.zip" is ignored before the verb. Please Register MODEL qoe Owner 'ran team' ` +
        `OUTPUT "thp, lat" version 1.0 input a,b Author "Alice Smith" Description 'QoE "v1" model' location s3://x/y`,
    );
    expect(argumentsOf(turn)).toEqual({
      modelName: 'qoe',
      owner: 'ran team',
      outputDataType: 'thp, lat',
      modelVersion: '1.0',
      inputDataType: 'a,b',
      author: 'Alice Smith',
      description: 'QoE "v1" model',
      modelLocation: 's3://x/y',
    });
  });

  it('gives exactly the clauses used, skipping filler words and trailing punctuation', () => {
    expect(
      parseRequest(
        'could you register model m1 with version 2, description "x", author bob, input i and output o.',
      ),
    ).toEqual(
      registerCall({
        modelName: 'm1',
        modelVersion: '2',
        description: 'x',
        author: 'bob',
        inputDataType: 'i',
        outputDataType: 'o',
      }),
    );
  });

  it.each([
    ['description', 'register model m version 1 author a input i output o', 'description "<text>"'],
    ['author', 'register model m version 1 description "d" input i output o', 'author <name>'],
    ['input', 'register model m version 1 description "d" author a output o', 'input <types>'],
    ['output', 'register model m version 1 description "d" author a input i', 'output <types>'],
  ])('asks for a missing %s instead of calling the tool', (_clause, text, asked) => {
    const turn = parseRequest(text);
    expect(turn.toolCalls).toEqual([]);
    expect(turn.content).toBe(
      `To register model m version 1 I also need: ${asked}. Please send the whole request again, for example: ` +
        'register model qoe-predictor version 1 description "QoE prediction" author alice input pdcpBytesDl output pdcpBytesDl',
    );
  });

  it('asks for the name and version too', () => {
    expect(parseRequest('register model').content).toMatch(
      /^To register model <name> version <version> I also need: the model name \(register model <name>\), version <version>, description "<text>", author <name>, input <types>, output <types>\./,
    );
    expect(
      parseRequest('register model version 3 description "d" author a input i output o').content,
    ).toMatch(/^To register model <name> version 3 I also need: the model name \(register model <name>\)\./);
  });

  it('keeps a quoted keyword as a value', () => {
    expect(
      argumentsOf(
        parseRequest('register model m version "author" description "d" author a input i output o'),
      ),
    ).toEqual({
      modelName: 'm',
      modelVersion: 'author',
      ...COMPLETE,
    });
  });

  it('understands list and show, case-insensitively, anywhere in the text', () => {
    expect(parseRequest('Hi! Could you LIST MODELS please?')).toEqual({
      content: null,
      toolCalls: [{ id: 'stub-call-1', name: 'list_models', arguments: '{}' }],
    });
    expect(argumentsOf(parseRequest('please Show Model qoe Version 2'))).toEqual({
      modelName: 'qoe',
      modelVersion: '2',
    });
    expect(parseRequest('show model qoe').content).toBe(
      'To show a model I need its name and version: show model <name> version <version>',
    );
  });

  it('follows the phrase that comes first', () => {
    expect(parseRequest('show model a version 1, then list models').toolCalls[0].name).toBe('get_model');
    expect(parseRequest('list models, then show model a version 1').toolCalls[0].name).toBe('list_models');
  });

  it('answers anything else with the help text', () => {
    for (const text of ['', 'hello', 'register a model', 'models list'])
      expect(parseRequest(text)).toEqual({ content: STUB_HELP, toolCalls: [] });
  });

  it('summarizes the tool results of the previous turn', async () => {
    const stub = new StubLlmProvider({
      provider: 'stub',
      model: 'stub-intent-parser',
      timeoutMs: 1000,
      rateLimitPerMinute: 60,
      maxSteps: 6,
    });
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
    expect(stub.unavailableReason()).toBeNull();
    expect([stub.name, stub.model]).toEqual(['stub', 'stub-intent-parser']);
  });
});
