import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfMissing, ChildService, startChildService } from './support/child-service';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { UUID_V4 } from './support/agent-conversation';

const GENERATE = '/experiment/agent/generate-content';
const CONVERSATIONS = '/experiment/agent/conversations';

/** The conversation lives in the database: a restarted service (a real process) continues it. */
describe('assistant conversations across a restart', () => {
  let database: TestDatabase;
  let dataDir: string;
  let service: ChildService | undefined;

  beforeAll(async () => {
    buildIfMissing();
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'mms-conversation-restart-'));
  }, 150_000);

  afterAll(async () => {
    await service?.kill();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const start = () =>
    startChildService({
      DATABASE_URL: database.url,
      DB_POOL_SIZE: String(database.poolSize),
      DATA_DIR: dataDir,
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
    service = await start();
    const first = await say(service.base, { text: 'list models' });
    expect(first.conversationId).toMatch(UUID_V4);
    const id = first.conversationId;
    const before = await (await fetch(`${service.base}${CONVERSATIONS}/${id}`)).json();

    service.process.kill('SIGTERM');
    expect((await service.exited).code).toBe(0);
    service = await start();

    const after = await fetch(`${service.base}${CONVERSATIONS}/${id}`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(before);
    const second = await say(service.base, { text: 'list models', conversationId: id });
    expect(second.conversationId).toBe(id);
    const transcript = (await (await fetch(`${service.base}${CONVERSATIONS}/${id}`)).json()) as {
      turns: Array<{ request: unknown; response: unknown }>;
    };
    expect(transcript.turns.map(({ request, response }) => ({ request, response }))).toEqual([
      { request: first.request, response: first.response },
      { request: second.request, response: second.response },
    ]);
  });
});
