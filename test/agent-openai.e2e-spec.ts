import request from 'supertest';
import { AGENT_SYSTEM_PROMPT, stepLimitResult } from '../src/agent/agent.prompts';
import { REGISTRY_TOOL_DEFINITIONS } from '../src/agent/registry-tools';
import { createTestApp, TestApp } from './support/test-app';
import { FakeOpenAiServer, textReply, toolCallsReply } from './support/fake-openai-server';
import { DISCOVERY } from './support/model-fixtures';
import { UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const MODEL_INFO = '/experiment/agent/modelInfo';
const MODEL = 'qwen2.5-7b-instruct';
const MAX_STEPS = 3;
const TIMEOUT_MS = 500;

/** The tools exactly as a Chat Completions server must receive them. */
const TOOLS = REGISTRY_TOOL_DEFINITIONS.map((tool) => ({
  type: 'function',
  function: { name: tool.name, description: tool.description, parameters: tool.parameters },
}));

function firstMessages(text: string) {
  return [
    { role: 'system', content: AGENT_SYSTEM_PROMPT },
    { role: 'user', content: text },
  ];
}

function assistantCall(id: string, name: string, args: string) {
  return {
    role: 'assistant',
    content: null,
    tool_calls: [{ id, type: 'function', function: { name, arguments: args } }],
  };
}

describe('assistant with the OpenAI-compatible provider against a fake Chat Completions server', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await createTestApp({
      env: {
        LLM_PROVIDER: 'openai',
        LLM_MODEL: MODEL,
        LLM_BASE_URL: fake.baseUrl,
        LLM_API_KEY: 'test-secret-key',
        LLM_TIMEOUT_MS: String(TIMEOUT_MS),
        AGENT_MAX_STEPS: String(MAX_STEPS),
        TM_URL: '',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('modelInfo names the provider and model without calling the server', async () => {
    fake.script();
    await request(t.http)
      .get(MODEL_INFO)
      .expect(200, {
        llm: { model: MODEL, provider: 'openai' },
        tools: [
          'register_model',
          'list_models',
          'get_model',
          'update_model',
          'delete_model',
          'get_model_archive',
        ],
        trainingManager: {
          url: null,
          available: false,
          reason: 'TM_URL is empty: the workflow tools are off',
        },
      });
    expect(fake.requests).toEqual([]);
  });

  it('tool call → tool result → final answer, with the exact requests the server received', async () => {
    const args = JSON.stringify({
      modelName: 'llm-qoe',
      modelVersion: '1',
      description: 'QoE prediction',
      author: 'alice',
      inputDataType: 'pdcpBytesDl',
      outputDataType: 'pdcpBytesUl',
      targetEnvironment: [
        { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' },
      ],
    });
    fake.script(
      toolCallsReply({ id: 'call_1', name: 'register_model', arguments: args }),
      textReply('Registered llm-qoe 1.'),
    );
    const text =
      'Register llm-qoe version 1, QoE prediction by alice, pdcpBytesDl in, pdcpBytesUl out, on kserve prod.';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);

    const found = await request(t.http).get(`${DISCOVERY}?model-name=llm-qoe&model-version=1`).expect(200);
    const model = found.body[0];
    expect(model).toEqual({
      id: model.id,
      modelId: { modelName: 'llm-qoe', modelVersion: '1', artifactVersion: '0.0.0' },
      description: 'QoE prediction',
      modelInformation: {
        metadata: { author: 'alice', owner: '' },
        inputDataType: 'pdcpBytesDl',
        outputDataType: 'pdcpBytesUl',
        targetEnvironment: [
          { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' },
        ],
      },
      modelLocation: '',
    });
    expect(response.body).toEqual({
      action: 'completed',
      request: { text },
      response: {
        result: 'Registered llm-qoe 1.',
        steps: [{ tool: 'register_model', arguments: JSON.parse(args), ok: true, result: model }],
      },
      status: 'ok',
      error_message: null,
      conversationId: expect.stringMatching(UUID_V4),
    });

    expect(fake.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['POST', '/v1/chat/completions', 'Bearer test-secret-key'],
      ['POST', '/v1/chat/completions', 'Bearer test-secret-key'],
    ]);
    expect(fake.requests[0].body).toEqual({
      model: MODEL,
      messages: firstMessages(text),
      tools: TOOLS,
      tool_choice: 'auto',
    });
    expect(fake.requests[1].body).toEqual({
      model: MODEL,
      messages: [
        ...firstMessages(text),
        assistantCall('call_1', 'register_model', args),
        { role: 'tool', tool_call_id: 'call_1', content: JSON.stringify(model) },
      ],
      tools: TOOLS,
      tool_choice: 'auto',
    });
  });

  it('feeds malformed and invalid tool arguments back to the model and goes on', async () => {
    const invalid = JSON.stringify({
      modelName: 'ok-name',
      modelVersion: '1',
      description: '',
      author: 'a',
      inputDataType: 'i',
      outputDataType: 'o',
      colour: 'red',
    });
    fake.script(
      toolCallsReply({ id: 'c1', name: 'register_model', arguments: '{"modelName": "x", ' }),
      toolCallsReply(
        { id: 'c2', name: 'register_model', arguments: invalid },
        { id: 'c3', name: 'drop_table', arguments: '{}' },
      ),
      textReply('I need a description.'),
    );
    const text = 'register something';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    const jsonError = expect.stringMatching(
      /^The arguments are not valid JSON \(.+\); send one JSON object$/,
    );
    const unknownArgument =
      'Unknown argument(s): colour; allowed: modelName, modelVersion, description, author, owner, inputDataType, ' +
      'outputDataType, modelLocation, targetEnvironment';
    const unknownTool =
      'Unknown tool drop_table; the tools are register_model, list_models, get_model, update_model, delete_model, ' +
      'get_model_archive';
    expect(response.body).toEqual({
      action: 'completed',
      request: { text },
      response: {
        result: 'I need a description.',
        steps: [
          { tool: 'register_model', arguments: '{"modelName": "x", ', ok: false, error: jsonError },
          { tool: 'register_model', arguments: JSON.parse(invalid), ok: false, error: unknownArgument },
          { tool: 'drop_table', arguments: {}, ok: false, error: unknownTool },
        ],
      },
      status: 'ok',
      error_message: null,
      conversationId: expect.stringMatching(UUID_V4),
    });
    expect(fake.requests).toHaveLength(3);
    const third = fake.requests[2].body.messages;
    expect(third.slice(2)).toEqual([
      assistantCall('c1', 'register_model', '{"modelName": "x", '),
      {
        role: 'tool',
        tool_call_id: 'c1',
        content: JSON.stringify({ error: response.body.response.steps[0].error }),
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c2', type: 'function', function: { name: 'register_model', arguments: invalid } },
          { id: 'c3', type: 'function', function: { name: 'drop_table', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c2', content: JSON.stringify({ error: unknownArgument }) },
      { role: 'tool', tool_call_id: 'c3', content: JSON.stringify({ error: unknownTool }) },
    ]);
    await request(t.http).get(`${DISCOVERY}?model-name=ok-name`).expect(200, []);
  });

  it('applies the REST validation rules to tool arguments', async () => {
    const args = JSON.stringify({
      modelName: '-bad',
      modelVersion: 1,
      description: 'd',
      author: '',
      inputDataType: 'i',
      outputDataType: 'o',
    });
    fake.script(toolCallsReply({ id: 'v1', name: 'register_model', arguments: args }), textReply('Fixing.'));
    const response = await request(t.http).post(GENERATE).send({ text: 'register -bad' }).expect(200);
    expect(response.body.response.steps).toEqual([
      {
        tool: 'register_model',
        arguments: JSON.parse(args),
        ok: false,
        error:
          'modelId.modelName: modelName must match /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/ regular expression; ' +
          'modelId.modelVersion: modelVersion must be a string; ' +
          'modelInformation.metadata.author: author should not be empty',
      },
    ]);
  });

  it('stops at AGENT_MAX_STEPS tool calls with a clear result (200)', async () => {
    fake.script(
      ...[1, 2, 3, 4].map((n) => toolCallsReply({ id: `l${n}`, name: 'list_models', arguments: '{}' })),
      textReply('never reached'),
    );
    const text = 'list forever';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(200);
    expect(response.body.action).toBe('completed');
    expect(response.body.status).toBe('ok');
    expect(response.body.response.result).toBe(stepLimitResult(MAX_STEPS));
    expect(response.body.response.steps).toHaveLength(MAX_STEPS);
    expect(response.body.response.steps.map((s: { tool: string; ok: boolean }) => [s.tool, s.ok])).toEqual([
      ['list_models', true],
      ['list_models', true],
      ['list_models', true],
    ]);
    expect(fake.requests).toHaveLength(MAX_STEPS + 1);
    expect(fake.remainingReplies).toBe(1);
  });

  it('retries a 429 and succeeds', async () => {
    fake.script(
      { status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after-ms': '10' } },
      textReply('Hello after a retry.'),
    );
    const response = await request(t.http).post(GENERATE).send({ text: 'hi' }).expect(200);
    expect(response.body.response).toEqual({ result: 'Hello after a retry.', steps: [] });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1].body).toEqual(fake.requests[0].body);
  });

  it('answers the 502 envelope when the provider keeps failing with 500 (after 2 retries)', async () => {
    const failure = { status: 500, body: { error: { message: 'boom' } }, headers: { 'retry-after-ms': '1' } };
    fake.script(failure, failure, failure);
    const text = 'list models';
    const response = await request(t.http).post(GENERATE).send({ text }).expect(502);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      action: 'failed',
      request: { text },
      response: { result: null, steps: [] },
      status: 'error',
      error_message: 'The LLM provider answered HTTP 500',
      conversationId: expect.stringMatching(UUID_V4),
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 400', async () => {
    fake.script({ status: 400, body: { error: { message: 'bad tools' } } }, textReply('unused'));
    const response = await request(t.http).post(GENERATE).send({ text: 'hi' }).expect(502);
    expect(response.body.error_message).toBe('The LLM provider answered HTTP 400');
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps the steps made before a later provider failure', async () => {
    fake.script(toolCallsReply({ id: 'k1', name: 'list_models', arguments: '{}' }), {
      status: 401,
      body: {},
    });
    const response = await request(t.http).post(GENERATE).send({ text: 'list' }).expect(502);
    expect(response.body.response.result).toBeNull();
    expect(response.body.response.steps).toEqual([
      {
        tool: 'list_models',
        arguments: {},
        ok: true,
        result: expect.objectContaining({ total: expect.any(Number) }),
      },
    ]);
    expect(response.body.error_message).toBe('The LLM provider answered HTTP 401');
  });

  it('answers the 502 envelope when the provider times out, without retrying', async () => {
    fake.script({ ...textReply('too late'), delayMs: TIMEOUT_MS * 4 }, textReply('unused'));
    const started = Date.now();
    const response = await request(t.http).post(GENERATE).send({ text: 'hi' }).expect(502);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
    expect(response.body).toEqual({
      action: 'failed',
      request: { text: 'hi' },
      response: { result: null, steps: [] },
      status: 'error',
      error_message: `The LLM provider did not answer within ${TIMEOUT_MS} ms`,
      conversationId: expect.stringMatching(UUID_V4),
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('answers the 502 envelope for malformed answers', async () => {
    const cases: Array<[Parameters<FakeOpenAiServer['script']>[0], string]> = [
      [{ body: { choices: [] } }, 'The LLM provider returned a malformed answer: no choices[0].message'],
      [textReply(''), 'The LLM provider returned a malformed answer: neither text nor tool calls'],
      [
        {
          body: {
            choices: [
              { message: { role: 'assistant', tool_calls: [{ id: 'x', type: 'function', function: {} }] } },
            ],
          },
        },
        'The LLM provider returned a malformed answer: a tool call without a function name',
      ],
    ];
    for (const [reply, message] of cases) {
      fake.script(reply);
      const response = await request(t.http).post(GENERATE).send({ text: 'hi' }).expect(502);
      expect(response.body.error_message).toBe(message);
    }
    fake.script({ rawBody: 'not json' });
    const unreadable = await request(t.http).post(GENERATE).send({ text: 'hi' }).expect(502);
    expect(unreadable.body.error_message).toMatch(/^The LLM provider's answer could not be read: /);
  });
});

describe('assistant with the OpenAI-compatible provider, misconfigured', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LLM_PROVIDER: 'openai', LLM_MODEL: 'gpt-4o-mini' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 problem details for modelInfo and generate-content when neither base URL nor key is set', async () => {
    const detail =
      'The LLM provider "openai" needs LLM_BASE_URL (a self-hosted OpenAI-compatible server) or LLM_API_KEY (OpenAI)';
    const info = await request(t.http).get(MODEL_INFO).expect(503);
    expect(info.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(info.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail,
      instance: MODEL_INFO,
    });
    const generate = await request(t.http).post(GENERATE).send({ text: 'list models' }).expect(503);
    expect(generate.body).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail,
      instance: GENERATE,
    });
  });
});
