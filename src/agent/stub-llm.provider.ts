import type { AppConfig } from '../config/app-config';
import type { ChatMessage, ChatTurn, LlmProvider, ToolDefinition } from './llm-provider';
import { interpret, pendingFrame } from './nlu/dialogue-state';
import { isKorean } from './nlu/lexicon';
import { askFor, cancelled, HELP, Language, unsupported } from './nlu/replies';
import { Frame, missingFields } from './nlu/request-frame';
import { summarizeToolResults } from './nlu/result-summarizer';

export const STUB_HELP = HELP.en;

/** What the user's turn comes to: a tool call with its arguments, or a text answer. */
export type StubDecision =
  | { readonly kind: 'call'; readonly tool: string; readonly arguments: Record<string, unknown> }
  | { readonly kind: 'text'; readonly text: string };

/**
 * Offline, deterministic stand-in for a language model: reads the conversation (English or
 * Korean, with typos, paraphrases and follow-up answers), answers with tool calls, then with a
 * summary of the tool results, so the agent loop runs exactly as it does with a real model.
 */
export class StubLlmProvider implements LlmProvider {
  readonly name = 'stub';
  readonly model: string;

  constructor(config: AppConfig['llm']) {
    this.model = config.model;
  }

  unavailableReason(): string | null {
    return null;
  }

  chat(messages: readonly ChatMessage[], tools: readonly ToolDefinition[]): Promise<ChatTurn> {
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    const lang: Language = lastUser && isKorean(lastUser.content) ? 'ko' : 'en';
    if (messages[messages.length - 1]?.role === 'tool') {
      return Promise.resolve(text(summarizeToolResults(messages, lang)));
    }
    const decision = decide(
      messages,
      tools.map((tool) => tool.name),
    );
    return Promise.resolve(
      decision.kind === 'call'
        ? {
            content: null,
            toolCalls: [
              { id: 'stub-call-1', name: decision.tool, arguments: JSON.stringify(decision.arguments) },
            ],
          }
        : text(decision.text),
    );
  }
}

/** The decision for the conversation's last user turn, given the tools on offer. */
export function decide(messages: readonly ChatMessage[], tools: readonly string[]): StubDecision {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const content = lastUser?.content ?? '';
  const lang: Language = isKorean(content) ? 'ko' : 'en';
  const understood = interpret(content, pendingFrame(messages));
  if (understood.kind === 'unknown') return { kind: 'text', text: HELP[lang] };
  if (understood.kind === 'cancel') return { kind: 'text', text: cancelled(understood.frame, lang) };
  const { frame } = understood;
  if (frame.intent === 'unsupported' || frame.intent === 'unknown')
    return { kind: 'text', text: unsupported(lang) };
  if (!tools.includes(frame.intent)) return { kind: 'text', text: unavailable(frame, lang) };
  const missing = missingFields(frame);
  if (frame.ambiguous || missing.length > 0) return { kind: 'text', text: askFor(frame, missing, lang) };
  return { kind: 'call', tool: frame.intent, arguments: { ...frame.args } };
}

/** The workflow tools are offered only while the Training Manager answers. */
function unavailable(frame: Frame, lang: Language): string {
  return lang === 'ko'
    ? `지금은 Training Manager에 연결할 수 없어 ${frame.intent} 기능을 쓸 수 없습니다 (GET /experiment/agent/modelInfo 참고).`
    : `I cannot ${frame.intent.replace(/_/g, ' ')} now: the Training Manager is not available (see GET /experiment/agent/modelInfo).`;
}

function text(content: string): ChatTurn {
  return { content, toolCalls: [] };
}
