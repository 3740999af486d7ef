import type { ChatMessage } from '../llm-provider';
import { readMessage } from './clause-extractor';
import { classify } from './intent-classifier';
import { isAffirmative, isNegative } from './lexicon';
import { answerFor, Frame, frameFrom, missingFields } from './request-frame';

/** What the current user turn asks for: a (possibly still incomplete) request, or cancelling the pending one. */
export type Understanding =
  | { readonly kind: 'request'; readonly frame: Frame }
  | { readonly kind: 'cancel'; readonly frame: Frame }
  | { readonly kind: 'unknown' };

/** Reads one user turn, continuing the request the previous turns left open (if any). */
export function interpret(text: string, pending: Frame | undefined): Understanding {
  if (pending?.awaitingConfirmation) {
    if (isAffirmative(text)) {
      return { kind: 'request', frame: { intent: pending.intent, args: { ...pending.args, confirm: true } } };
    }
    if (isNegative(text)) return { kind: 'cancel', frame: pending };
  } else if (pending && isNegative(text)) {
    return { kind: 'cancel', frame: pending };
  }
  const reading = readMessage(text);
  const intent = classify(reading);
  const continues =
    pending && !pending.awaitingConfirmation && (reading.verbs.size === 0 || intent === pending.intent);
  if (pending && continues) {
    const added = frameFrom(reading, pending.intent, false);
    const args = { ...pending.args, ...added.args };
    const [asked] = missingFields(
      pending.ambiguous ? { ...pending, args: omit(args, pending.ambiguous.field) } : pending,
    );
    if (Object.keys(added.args).length === 0 && asked && asked !== 'change') {
      const answer = answerFor(asked, text, reading);
      if (answer !== undefined) args[asked] = answer;
    }
    return {
      kind: 'request',
      frame: { intent: pending.intent, args, ...(added.ambiguous ? { ambiguous: added.ambiguous } : {}) },
    };
  }
  if (intent === 'unknown') return { kind: 'unknown' };
  return { kind: 'request', frame: frameFrom(reading, intent) };
}

function omit(args: Frame['args'], field: string): Frame['args'] {
  const copy = { ...args };
  delete copy[field];
  return copy;
}

/**
 * The request the conversation left open before its last user turn, rebuilt from the history:
 * every earlier user turn is read again, and a request stays open while the assistant answered
 * it with a question (no tool call), or with delete_model's confirmation question.
 */
export function pendingFrame(messages: readonly ChatMessage[]): Frame | undefined {
  const users = messages.flatMap((message, index) => (message.role === 'user' ? [index] : []));
  let frame: Frame | undefined;
  for (let turn = 0; turn < users.length - 1; turn += 1) {
    const understood = interpret((messages[users[turn]] as { content: string }).content, frame);
    const replies = messages.slice(users[turn] + 1, users[turn + 1]);
    const current = understood.kind === 'request' ? understood.frame : undefined;
    frame = nextPending(current, replies);
  }
  return frame;
}

function nextPending(current: Frame | undefined, replies: readonly ChatMessage[]): Frame | undefined {
  const assistant = replies.filter((message) => message.role === 'assistant');
  const last = assistant[assistant.length - 1];
  const asked = typeof last?.content === 'string' && /[?？]\s*$/.test(last.content);
  const calls = assistant.flatMap((message) => message.toolCalls);
  if (calls.length === 0) return asked ? current : undefined;
  const confirmation = calls.find((call) => {
    if (call.name !== 'delete_model') return false;
    const result = replies.find((message) => message.role === 'tool' && message.toolCallId === call.id);
    return result?.role === 'tool' && result.content.includes('confirmation required');
  });
  if (!confirmation || !asked) return undefined;
  try {
    const args = JSON.parse(confirmation.arguments) as Record<string, string>;
    return {
      intent: 'delete_model',
      args: { modelName: args.modelName, modelVersion: args.modelVersion },
      awaitingConfirmation: true,
    };
  } catch {
    return undefined;
  }
}
