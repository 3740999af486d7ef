import { call, type Outcome } from '../api/call';
import { api } from '../api/client';
import type { AgentResponse, AgentStep } from './chat-types';
import { serverSentEvents } from './server-sent-events';

export interface AnswerHandlers {
  onStep: (step: AgentStep) => void;
  onDelta: (text: string) => void;
  onError: (detail: string) => void;
  onDone: (envelope: AgentResponse) => void;
}

/**
 * One turn of the chat, streamed (`Accept: text/event-stream`): `step` per tool call, `delta`
 * per piece of the answer, `error` (problem details) on failure, `done` with the envelope, last.
 * Failures before the stream starts (401, 404, 429, 503) are the outcome's problem.
 */
export async function askAssistant(
  text: string,
  conversationId: string | null,
  handlers: AnswerHandlers,
  signal: AbortSignal,
): Promise<Outcome<unknown>> {
  const outcome = await call(() =>
    api.POST('/experiment/agent/generate-content', {
      body: conversationId ? { text, conversationId } : { text },
      headers: { Accept: 'text/event-stream' },
      parseAs: 'stream',
      signal,
    }),
  );
  if (!outcome.ok) return outcome;
  const body = outcome.data as ReadableStream<Uint8Array> | null;
  if (!body) return outcome;
  for await (const { event, data } of serverSentEvents(body)) {
    if (event === 'step') handlers.onStep(data as AgentStep);
    else if (event === 'delta') handlers.onDelta((data as { text: string }).text);
    else if (event === 'error') handlers.onError((data as { detail: string }).detail);
    else if (event === 'done') handlers.onDone(data as AgentResponse);
  }
  return outcome;
}
