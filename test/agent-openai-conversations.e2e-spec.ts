import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AGENT_SYSTEM_PROMPT } from '../src/agent/agent.prompts';
import { createTestApp, TestApp } from './support/test-app';
import { query } from './support/test-database';
import {
  FakeOpenAiServer,
  streamedTextReply,
  streamedToolCallsReply,
  textReply,
  toolCallsReply,
} from './support/fake-openai-server';
import { readAllEvents, serverSentEvents, UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const CONVERSATIONS = '/experiment/agent/conversations';
const MODEL = 'qwen2.5-7b-instruct';

function assistantCall(calls: Array<{ id: string; name: string; arguments: string }>) {
  return {
    role: 'assistant',
    content: null,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  };
}

/** The stored history of a conversation, in the Chat Completions shape the server receives. */
async function storedHistory(t: TestApp, id: string): Promise<unknown[]> {
  const [row] = await query<{ turns: Array<{ messages: Array<Record<string, unknown>> }> }>(
    t.database.url,
    `SELECT "turns" FROM "agent_conversations" WHERE "id" = $1`,
    [id],
  );
  return row.turns
    .flatMap((turn) => turn.messages)
    .map((message) => {
      switch (message.role) {
        case 'tool':
          return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
        case 'assistant': {
          const calls = message.toolCalls as Array<{ id: string; name: string; arguments: string }>;
          return calls.length > 0 ? assistantCall(calls) : { role: 'assistant', content: message.content };
        }
        default:
          return message;
      }
    });
}

describe('assistant conversations and streaming with the OpenAI-compatible provider', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await createTestApp({
      env: {
        LLM_PROVIDER: 'openai',
        LLM_MODEL: MODEL,
        LLM_BASE_URL: fake.baseUrl,
        LLM_TIMEOUT_MS: '5000',
      },
    });
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const stream = (body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${base}${GENERATE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal,
    });

  it('sends the stored history between the system prompt and the new message, turn after turn', async () => {
    const list = { id: 'call_list', name: 'list_models', arguments: '{}' };
    fake.script(toolCallsReply(list), textReply('No models yet.'));
    const first = await request(t.http).post(GENERATE).send({ text: 'what models do we have?' }).expect(200);
    const id = first.body.conversationId as string;
    expect(id).toMatch(UUID_V4);
    const listResult = JSON.stringify(first.body.response.steps[0].result);

    fake.script(textReply('Which version?'));
    await request(t.http)
      .post(GENERATE)
      .send({ text: 'register model traffic', conversationId: id })
      .expect(200);
    const turnOne = [
      { role: 'user', content: 'what models do we have?' },
      assistantCall([list]),
      { role: 'tool', tool_call_id: 'call_list', content: listResult },
      { role: 'assistant', content: 'No models yet.' },
    ];
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].body).toEqual({
      model: MODEL,
      messages: [
        { role: 'system', content: AGENT_SYSTEM_PROMPT },
        ...turnOne,
        { role: 'user', content: 'register model traffic' },
      ],
      tools: expect.any(Array),
      tool_choice: 'auto',
    });

    fake.script(textReply('What is the author?'));
    await request(t.http).post(GENERATE).send({ text: 'version 1', conversationId: id }).expect(200);
    const sent = fake.requests[0].body.messages;
    expect(sent).toEqual([
      { role: 'system', content: AGENT_SYSTEM_PROMPT },
      ...turnOne,
      { role: 'user', content: 'register model traffic' },
      { role: 'assistant', content: 'Which version?' },
      { role: 'user', content: 'version 1' },
    ]);
    // Exactly what is stored, nothing more or less.
    const history = await storedHistory(t, id);
    expect(sent.slice(1, -1)).toEqual(history.slice(0, -2));
    expect(history.slice(-2)).toEqual([
      { role: 'user', content: 'version 1' },
      { role: 'assistant', content: 'What is the author?' },
    ]);
  });

  it('streams token deltas and streamed tool calls (fragments accumulated), then the envelope', async () => {
    const args = JSON.stringify({
      modelName: 'stream-model',
      modelVersion: '1',
      description: 'Streamed registration',
      author: 'alice',
      inputDataType: 'a',
      outputDataType: 'b',
    });
    const calls = [
      { id: 'call_reg', name: 'register_model', arguments: args },
      { id: 'call_get', name: 'get_model', arguments: '{"modelName":"stream-model","modelVersion":"1"}' },
    ];
    fake.script(
      streamedToolCallsReply(calls),
      streamedTextReply('Registered ', 'stream-model', ' version 1.'),
    );
    const response = await stream({ text: 'register stream-model 1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = await readAllEvents(response);

    const done = events[events.length - 1].data as {
      conversationId: string;
      response: { steps: Array<{ result: { id: string } }> };
    };
    const model = done.response.steps[0].result;
    expect(model.id).toEqual(expect.any(String));
    const registerStep = { tool: 'register_model', arguments: JSON.parse(args), ok: true, result: model };
    const getStep = { tool: 'get_model', arguments: JSON.parse(calls[1].arguments), ok: true, result: model };
    expect(events).toEqual([
      { event: 'step', data: registerStep },
      { event: 'step', data: getStep },
      { event: 'delta', data: { text: 'Registered ' } },
      { event: 'delta', data: { text: 'stream-model' } },
      { event: 'delta', data: { text: ' version 1.' } },
      {
        event: 'done',
        data: {
          action: 'completed',
          request: { text: 'register stream-model 1' },
          response: { result: 'Registered stream-model version 1.', steps: [registerStep, getStep] },
          status: 'ok',
          error_message: null,
          conversationId: expect.stringMatching(UUID_V4),
        },
      },
    ]);
    expect(fake.requests.map((r) => r.body.stream)).toEqual([true, true]);
    expect(fake.requests[1].body.messages.slice(2)).toEqual([
      assistantCall(calls),
      { role: 'tool', tool_call_id: 'call_reg', content: JSON.stringify(model) },
      { role: 'tool', tool_call_id: 'call_get', content: JSON.stringify(model) },
    ]);
    expect(await storedHistory(t, done.conversationId)).toEqual([
      { role: 'user', content: 'register stream-model 1' },
      ...fake.requests[1].body.messages.slice(2),
      { role: 'assistant', content: 'Registered stream-model version 1.' },
    ]);
  });

  it('a provider failure mid-stream: an error event, then the 502 envelope as the last event; nothing stored', async () => {
    const id = (
      await (fake.script(textReply('Hello.')),
      request(t.http).post(GENERATE).send({ text: 'hello' }).expect(200))
    ).body.conversationId as string;
    const list = { id: 'call_l', name: 'list_models', arguments: '{}' };
    fake.script(streamedToolCallsReply([list]), {
      ...streamedTextReply('There are ', 'no models'),
      cutAfter: 2,
      chunkDelayMs: 50,
    });
    const events = await readAllEvents(await stream({ text: 'list models', conversationId: id }));
    expect(events.map((event) => event.event)).toEqual(['step', 'delta', 'error', 'done']);
    const step = events[0].data as { tool: string; ok: boolean };
    expect(step).toMatchObject({ tool: 'list_models', ok: true });
    expect(events[1].data).toEqual({ text: 'There are ' });
    const message = (events[3].data as { error_message: string }).error_message;
    expect(message).toMatch(/^The LLM provider('s answer could not be read| could not be reached): /);
    expect(events[2].data).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: message,
      instance: GENERATE,
    });
    expect(events[3].data).toEqual({
      action: 'failed',
      request: { text: 'list models' },
      response: { result: null, steps: [step] },
      status: 'error',
      error_message: message,
      conversationId: id,
    });
    const transcript = await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200);
    expect(transcript.body.turns.map((turn: { request: { text: string } }) => turn.request.text)).toEqual([
      'hello',
    ]);
  });

  it('the provider failing before any output: the error event and the 502 envelope, on a 200 stream', async () => {
    const failure = { status: 500, body: { error: { message: 'boom' } }, headers: { 'retry-after-ms': '1' } };
    fake.script(failure, failure, failure);
    const response = await stream({ text: 'hi' });
    expect(response.status).toBe(200);
    const events = await readAllEvents(response);
    expect(events).toEqual([
      {
        event: 'error',
        data: {
          type: 'about:blank',
          title: 'Bad Gateway',
          status: 502,
          detail: 'The LLM provider answered HTTP 500',
          instance: GENERATE,
        },
      },
      {
        event: 'done',
        data: {
          action: 'failed',
          request: { text: 'hi' },
          response: { result: null, steps: [] },
          status: 'error',
          error_message: 'The LLM provider answered HTTP 500',
          conversationId: expect.stringMatching(UUID_V4),
        },
      },
    ]);
  });

  it('a client disconnect stops the work: the model call is abandoned and the turn is not stored', async () => {
    fake.script(textReply('Hello.'));
    const id = (await request(t.http).post(GENERATE).send({ text: 'hello' }).expect(200)).body
      .conversationId as string;
    fake.script(
      { ...streamedTextReply('one ', 'two ', 'three ', 'four ', 'five'), chunkDelayMs: 150 },
      textReply('x'),
    );
    const abort = new AbortController();
    const response = await stream({ text: 'count slowly', conversationId: id }, abort.signal);
    const events = serverSentEvents(response);
    expect((await events.next()).value).toEqual({ event: 'delta', data: { text: 'one ' } });
    abort.abort();
    const deadline = Date.now() + 5_000;
    while (fake.abandoned === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fake.abandoned).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests).toHaveLength(1);
    const transcript = await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200);
    expect(transcript.body.turns.map((turn: { request: unknown }) => turn.request)).toEqual([
      { text: 'hello' },
    ]);
  });
});

describe('streaming with the OpenAI-compatible provider past LLM_TIMEOUT_MS', () => {
  let fake: FakeOpenAiServer;
  let t: TestApp;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    t = await createTestApp({
      env: { LLM_PROVIDER: 'openai', LLM_MODEL: MODEL, LLM_BASE_URL: fake.baseUrl, LLM_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('a stream cut by the deadline fails the turn: never a truncated answer passed off as complete', async () => {
    // The whole answer would take 1.5 s.
    fake.script({
      ...streamedTextReply('1 ', '2 ', '3 ', '4 ', '5 ', '6 ', '7 ', '8 ', '9'),
      chunkDelayMs: 150,
    });
    const base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const response = await fetch(`${base}${GENERATE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ text: 'count slowly' }),
    });
    const events = await readAllEvents(response);
    const deltas = events.slice(0, -2);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((event) => event.event === 'delta')).toBe(true);
    expect(events.slice(-2)).toEqual([
      {
        event: 'error',
        data: {
          type: 'about:blank',
          title: 'Bad Gateway',
          status: 502,
          detail: 'The LLM provider did not answer within 1000 ms',
          instance: GENERATE,
        },
      },
      {
        event: 'done',
        data: {
          action: 'failed',
          request: { text: 'count slowly' },
          response: { result: null, steps: [] },
          status: 'error',
          error_message: 'The LLM provider did not answer within 1000 ms',
          conversationId: expect.stringMatching(UUID_V4),
        },
      },
    ]);
  });
});
