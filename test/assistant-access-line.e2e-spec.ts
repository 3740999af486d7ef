import { childServiceFixture, startChildService } from './support/child-service';
import { send } from './support/child-http';
import { accessLinesOf } from './support/log-lines';

const GENERATE = '/experiment/agent/generate-content';

/** An assistant request is one log line: its access line, carrying what the assistant did. */
describe('one log line per assistant request (a real process, its stdout)', () => {
  const f = childServiceFixture('mms-agent-line-');

  beforeAll(async () => {
    f.service = await startChildService({
      LOG_LEVEL: 'info',
      ...f.env(),
    });
  }, 150_000);

  it.each([
    ['a JSON answer', 'application/json'],
    ['an event stream', 'text/event-stream'],
  ])(
    '%s: the access line says what the assistant did, and no other line names the request',
    async (_case, accept) => {
      const id = `assistant-line-${accept.replace('/', '-')}`;
      const answer = await send(f.service!.base, 'POST', GENERATE, {
        headers: { 'content-type': 'application/json', accept, 'x-request-id': id },
        body: Buffer.from(JSON.stringify({ text: 'list models' })),
      });
      expect(answer.status).toBe(200);
      const lines = await accessLinesOf(f.service!, (line) => JSON.stringify(line).includes(id));
      expect(lines).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'request completed',
          req: expect.objectContaining({ id, url: GENERATE }) as unknown,
          res: { statusCode: 200 },
          assistant: {
            provider: 'stub',
            model: 'stub-intent-parser',
            steps: 1,
            llmCalls: expect.any(Number) as unknown,
            latencyMs: expect.any(Number) as unknown,
            outcome: 'completed',
          },
        }),
      ]);
      expect(f.service!.output()).not.toContain('Assistant request served');
    },
  );
});
