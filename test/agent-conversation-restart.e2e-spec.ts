import { childServiceFixture, startChildService } from './support/child-service';
import { UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const CONVERSATIONS = '/experiment/agent/conversations';

/** The conversation lives in the database: a restarted service (a real process) continues it. */
describe('assistant conversations across a restart', () => {
  const f = childServiceFixture('mms-conversation-restart-');

  const start = () =>
    startChildService({
      ...f.env(),
    });

  const say = async (base: string, body: Record<string, string>) => {
    const response = await fetch(`${base}${GENERATE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { conversationId: string; request: unknown; response: unknown };
  };

  it('keeps the transcript and continues the conversation after SIGTERM and a new start', async () => {
    f.service = await start();
    const first = await say(f.service.base, { text: 'list models' });
    expect(first.conversationId).toMatch(UUID_V4);
    const id = first.conversationId;
    const before = await (await fetch(`${f.service.base}${CONVERSATIONS}/${id}`)).json();

    f.service.process.kill('SIGTERM');
    expect((await f.service.exited).code).toBe(0);
    f.service = await start();

    const after = await fetch(`${f.service.base}${CONVERSATIONS}/${id}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(before);
    const second = await say(f.service.base, { text: 'list models', conversationId: id });
    expect(second.conversationId).toBe(id);
    const transcript = (await (await fetch(`${f.service.base}${CONVERSATIONS}/${id}`)).json()) as {
      turns: Array<{ request: unknown; response: unknown }>;
    };
    expect(transcript.turns.map(({ request, response }) => ({ request, response }))).toEqual([
      { request: first.request, response: first.response },
      { request: second.request, response: second.response },
    ]);
  });
});
