import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readAllEvents } from '../../test/support/agent-conversation';
import { streamAnswer } from './agent-answer.stream';
import type { AgentService, PendingTurn, TurnListener } from './agent.service';

const STEP = { tool: 'list_models', arguments: {}, ok: true as const, result: { total: 0, models: [] } };

describe('streamAnswer', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('ends an unexpected failure with an error event (500, correlation id) and a failure envelope', async () => {
    const agent = {
      answer: (_turn: PendingTurn, listener: TurnListener) => {
        listener.onStep(STEP);
        return Promise.reject(new TypeError('bug'));
      },
    } as unknown as AgentService;
    const turn: PendingTurn = { id: 'c1', history: [], text: 'go' };
    const server = createServer((_request, response) => {
      response.setHeader('X-Request-Id', 'req-7');
      void streamAnswer(agent, turn, response, '/x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      expect(response.headers.get('x-request-id')).toBe('req-7');
      expect(await readAllEvents(response)).toEqual([
        { event: 'step', data: STEP },
        {
          event: 'error',
          data: {
            type: 'about:blank',
            title: 'Internal Server Error',
            status: 500,
            detail: 'Internal error; correlation id req-7',
            instance: '/x',
            correlationId: 'req-7',
          },
        },
        {
          event: 'done',
          data: {
            action: 'failed',
            request: { text: 'go' },
            response: { result: null, steps: [] },
            status: 'error',
            error_message: 'Internal error; correlation id req-7',
            conversationId: 'c1',
          },
        },
      ]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
