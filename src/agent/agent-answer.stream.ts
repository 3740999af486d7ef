import { HttpStatus, Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { problemDetails } from '../common/problem-details';
import { AgentFailedException } from './agent-failed.exception';
import { AgentService, PendingTurn, TurnAbortedError } from './agent.service';
import { onClientGone, ServerSentEventsWriter } from './server-sent-events.writer';

const logger = new Logger('AgentStream');

/**
 * Streams one turn as Server-Sent Events: `step` per finished tool call, `delta` per piece of
 * the answer, then `done` with the envelope, always last. A failure once streaming has begun is
 * an `error` event (problem details) followed by `done` with the failure envelope.
 */
export async function streamAnswer(
  agent: AgentService,
  turn: PendingTurn,
  response: ServerResponse,
  instance: string,
): Promise<void> {
  const stream = ServerSentEventsWriter.open(response);
  const gone = new AbortController();
  onClientGone(response, () => gone.abort());
  try {
    const envelope = await agent.answer(turn, {
      onStep: (step) => stream.send('step', step),
      onTextDelta: (text) => stream.send('delta', { text }),
      signal: gone.signal,
    });
    stream.send('done', envelope);
  } catch (error) {
    if (error instanceof TurnAbortedError) return;
    if (error instanceof AgentFailedException) {
      const message = error.envelope.error_message ?? error.message;
      stream.send('error', problemDetails(HttpStatus.BAD_GATEWAY, message, instance));
      stream.send('done', error.envelope);
    } else {
      const correlationId = String(response.getHeader('X-Request-Id') ?? randomUUID());
      logger.error({ err: error, correlationId }, 'Unhandled error while streaming an answer');
      const detail = `Internal error; correlation id ${correlationId}`;
      stream.send('error', {
        ...problemDetails(HttpStatus.INTERNAL_SERVER_ERROR, detail, instance),
        correlationId,
      });
      stream.send('done', {
        action: 'failed',
        request: { text: turn.text },
        response: { result: null, steps: [] },
        status: 'error',
        error_message: detail,
        conversationId: turn.id,
      });
    }
  } finally {
    stream.end();
  }
}
