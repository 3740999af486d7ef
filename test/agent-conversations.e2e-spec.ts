import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { query } from './support/test-database';
import { readAllEvents, UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const CONVERSATIONS = '/experiment/agent/conversations';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const REGISTER =
  'register model conv-model version 1 description "Conversation test" author alice input a output b';

function notFound(id: string, instance = `${CONVERSATIONS}/${id}`) {
  return {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `No conversation ${id} (unknown, deleted or expired)`,
    instance,
  };
}

interface Envelope {
  conversationId: string;
  request: { text: string };
  response: { result: string; steps: unknown[] };
}

async function stored(t: TestApp, id: string) {
  const [row] = await query<{
    turns: Array<{ messages: unknown[] }>;
    size_bytes: number;
    dropped_turns: number;
  }>(
    t.database.url,
    `SELECT "turns", "size_bytes", "dropped_turns" FROM "agent_conversations" WHERE "id" = $1`,
    [id],
  );
  return row;
}

describe('assistant conversations with the stub provider', () => {
  let t: TestApp;
  const say = (text: string, conversationId?: string) =>
    request(t.http)
      .post(GENERATE)
      .send(conversationId ? { text, conversationId } : { text });

  beforeAll(async () => {
    t = await createTestApp({
      env: { AGENT_CONVERSATION_MAX_TURNS: '3', CORS_ORIGINS: 'http://dashboard.example' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts a conversation without an id, continues it with one, and the transcript shows every turn', async () => {
    const first = (await say('list models').expect(200)).body as Envelope;
    expect(Object.keys(first)).toEqual([
      'action',
      'request',
      'response',
      'status',
      'error_message',
      'conversationId',
    ]);
    expect(first.conversationId).toMatch(UUID_V4);
    const id = first.conversationId;
    const second = (await say(REGISTER, id).expect(200)).body as Envelope;
    const third = (await say('list models', id).expect(200)).body as Envelope;
    expect([second.conversationId, third.conversationId]).toEqual([id, id]);
    expect(third.response.result).toContain('conv-model version 1');

    const transcript = await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200);
    expect(transcript.headers['content-type']).toMatch(/^application\/json/);
    expect(transcript.body).toEqual({
      conversationId: id,
      createdAt: expect.stringMatching(ISO),
      lastActiveAt: expect.stringMatching(ISO),
      expiresAt: expect.stringMatching(ISO),
      droppedTurns: 0,
      turns: [first, second, third].map((envelope) => ({
        at: expect.stringMatching(ISO),
        request: envelope.request,
        response: envelope.response,
      })),
    });
    // Byte for byte, key order included.
    expect(JSON.stringify(transcript.body.turns[1].response)).toBe(JSON.stringify(second.response));
    const { lastActiveAt, expiresAt } = transcript.body as { lastActiveAt: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.parse(lastActiveAt)).toBe(3600 * 1000);

    // The history given to the model: each turn's user message, tool call, tool result and answer.
    const row = await stored(t, id);
    expect(row.turns.map((turn) => turn.messages)).toEqual(
      [first, second, third].map((envelope) => [
        { role: 'user', content: envelope.request.text },
        {
          role: 'assistant',
          content: null,
          toolCalls: [expect.objectContaining({ name: expect.any(String) })],
        },
        {
          role: 'tool',
          toolCallId: expect.any(String),
          content: JSON.stringify((envelope.response.steps[0] as { result: unknown }).result),
        },
        { role: 'assistant', content: envelope.response.result, toolCalls: [] },
      ]),
    );
    expect(row.size_bytes).toBe(Buffer.byteLength(JSON.stringify(row.turns)));
  });

  it('keeps at most AGENT_CONVERSATION_MAX_TURNS turns, dropping the oldest', async () => {
    const id = ((await say('turn 1').expect(200)).body as Envelope).conversationId;
    for (const n of [2, 3, 4, 5]) await say(`turn ${n}`, id).expect(200);
    const transcript = await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200);
    expect(transcript.body.droppedTurns).toBe(2);
    expect(transcript.body.turns.map((turn: { request: { text: string } }) => turn.request.text)).toEqual([
      'turn 3',
      'turn 4',
      'turn 5',
    ]);
    expect((await stored(t, id)).turns).toHaveLength(3);
  });

  it('isolates conversations: each id sees only its own turns', async () => {
    const a = ((await say('alpha one').expect(200)).body as Envelope).conversationId;
    const b = ((await say('beta one').expect(200)).body as Envelope).conversationId;
    await say('alpha two', a).expect(200);
    const texts = async (id: string) =>
      (
        (await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200)).body.turns as Array<{
          request: { text: string };
        }>
      ).map((turn) => turn.request.text);
    expect(await texts(a)).toEqual(['alpha one', 'alpha two']);
    expect(await texts(b)).toEqual(['beta one']);
    const history = (await stored(t, b)).turns.flatMap((turn) => turn.messages);
    expect(JSON.stringify(history)).not.toContain('alpha');
  });

  it('answers 404 problem details for an unknown id, and DELETE forgets a conversation (204)', async () => {
    const unknown = '6f1c2b1e-8d4a-4c3e-9f1a-2b3c4d5e6f70';
    const generate = await say('hello', unknown).expect(404);
    expect(generate.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(generate.body).toEqual(notFound(unknown, GENERATE));
    expect((await request(t.http).get(`${CONVERSATIONS}/${unknown}`).expect(404)).body).toEqual(
      notFound(unknown),
    );
    expect((await request(t.http).get(`${CONVERSATIONS}/not-a-uuid`).expect(404)).body).toEqual(
      notFound('not-a-uuid'),
    );

    const id = ((await say('to be forgotten').expect(200)).body as Envelope).conversationId;
    const deleted = await request(t.http).delete(`${CONVERSATIONS}/${id}`).expect(204);
    expect(deleted.text).toBe('');
    expect(await stored(t, id)).toBeUndefined();
    expect((await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(404)).body).toEqual(notFound(id));
    expect((await request(t.http).delete(`${CONVERSATIONS}/${id}`).expect(404)).body).toEqual(notFound(id));
    expect((await say('still there?', id).expect(404)).body).toEqual(notFound(id, GENERATE));
  });

  it('rejects a conversationId that is not a UUID with 400', async () => {
    const response = await say('hello', 'conversation-1').expect(400);
    expect(response.body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'conversationId: conversationId must be a UUID',
      instance: GENERATE,
    });
  });

  it('streams Server-Sent Events: each step, the answer in pieces, then the envelope (browser origin, CORS)', async () => {
    const base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const response = await fetch(`${base}${GENERATE}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        origin: 'http://dashboard.example',
        'x-request-id': 'sse-test-1',
      },
      body: JSON.stringify({ text: 'list models' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-request-id')).toBe('sse-test-1');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://dashboard.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const events = await readAllEvents(response);
    const done = events[events.length - 1];
    expect(done.event).toBe('done');
    const envelope = done.data as Envelope;
    expect(envelope).toEqual({
      action: 'completed',
      request: { text: 'list models' },
      response: { result: expect.any(String), steps: [expect.objectContaining({ tool: 'list_models' })] },
      status: 'ok',
      error_message: null,
      conversationId: expect.stringMatching(UUID_V4),
    });
    const deltas = events.slice(1, -1);
    expect(events[0]).toEqual({ event: 'step', data: envelope.response.steps[0] });
    expect(deltas.every((event) => event.event === 'delta')).toBe(true);
    expect(deltas.map((event) => (event.data as { text: string }).text).join('')).toBe(
      envelope.response.result,
    );
    expect(deltas.length).toBeGreaterThan(1);
    // Stored like a JSON turn.
    const transcript = await request(t.http).get(`${CONVERSATIONS}/${envelope.conversationId}`).expect(200);
    expect(transcript.body.turns.map((turn: { response: unknown }) => turn.response)).toEqual([
      envelope.response,
    ]);
  });

  it('answers plain JSON with CORS headers to a browser origin without the event-stream header', async () => {
    const response = await say('list models').set('Origin', 'http://dashboard.example').expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('http://dashboard.example');
    expect(response.body.conversationId).toMatch(UUID_V4);
  });

  it('answers validation errors before streaming as problem details, also for an event stream', async () => {
    const response = await request(t.http)
      .post(GENERATE)
      .set('Accept', 'text/event-stream')
      .send({ text: '' })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = '0e6f7a1b-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
    const missing = await request(t.http)
      .post(GENERATE)
      .set('Accept', 'text/event-stream')
      .send({ text: 'hi', conversationId: unknown })
      .expect(404);
    expect(missing.body).toEqual(notFound(unknown, GENERATE));
  });
});

describe('assistant conversations expire', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AGENT_CONVERSATION_IDLE_SECONDS: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an idle conversation as unknown, and the sweep deletes it', async () => {
    const id = (await request(t.http).post(GENERATE).send({ text: 'list models' }).expect(200)).body
      .conversationId as string;
    await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(404)).body).toEqual(notFound(id));
    expect(
      (await request(t.http).post(GENERATE).send({ text: 'list models', conversationId: id }).expect(404))
        .body,
    ).toEqual(notFound(id, GENERATE));
    // The sweep runs every second here.
    const deadline = Date.now() + 10_000;
    while ((await stored(t, id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await stored(t, id)).toBeUndefined();
  });
});

describe('assistant conversations bounded in bytes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { AGENT_CONVERSATION_MAX_BYTES: '2048' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops the oldest turns past AGENT_CONVERSATION_MAX_BYTES, always keeping the latest', async () => {
    const say = (text: string, conversationId?: string) =>
      request(t.http)
        .post(GENERATE)
        .send(conversationId ? { text, conversationId } : { text })
        .expect(200);
    const id = (await say(`first ${'x'.repeat(300)}`)).body.conversationId as string;
    await say(`second ${'y'.repeat(300)}`, id);
    let row = await stored(t, id);
    expect(row.dropped_turns).toBe(1);
    expect(row.turns).toHaveLength(1);
    expect(row.size_bytes).toBeLessThanOrEqual(2048);
    await say(`third ${'z'.repeat(3000)}`, id);
    row = await stored(t, id);
    expect(row.dropped_turns).toBe(2);
    expect(row.turns.map((turn) => (turn.messages[0] as { content: string }).content.slice(0, 5))).toEqual([
      'third',
    ]);
    expect(row.size_bytes).toBeGreaterThan(2048);
  });
});

describe('assistant conversations with API keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { API_KEYS: 'k1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('need a key for generate-content, the transcript and DELETE', async () => {
    const id = (
      await request(t.http)
        .post(GENERATE)
        .set('Authorization', 'Bearer k1')
        .send({ text: 'list models' })
        .expect(200)
    ).body.conversationId as string;
    await request(t.http).post(GENERATE).send({ text: 'list models', conversationId: id }).expect(401);
    await request(t.http).get(`${CONVERSATIONS}/${id}`).expect(401);
    await request(t.http).delete(`${CONVERSATIONS}/${id}`).expect(401);
    await request(t.http).get(`${CONVERSATIONS}/${id}`).set('Authorization', 'Bearer k1').expect(200);
    await request(t.http).delete(`${CONVERSATIONS}/${id}`).set('Authorization', 'Bearer k1').expect(204);
  });
});
