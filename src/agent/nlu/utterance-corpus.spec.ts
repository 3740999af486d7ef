import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatMessage } from '../llm-provider';
import { REGISTRY_TOOL_DEFINITIONS } from '../registry-tools';
import { StubLlmProvider } from '../stub-llm.provider';
import { WORKFLOW_TOOL_DEFINITIONS } from '../workflow/workflow-tools';

interface CorpusCase {
  id: string;
  turns: string[];
  results?: unknown[];
  expect: { tool?: string; arguments?: Record<string, unknown>; ask?: boolean; reply?: boolean };
}

const CORPUS = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/utterance-corpus.json'), 'utf8'),
) as { cases: CorpusCase[] };
const TOOLS = [...REGISTRY_TOOL_DEFINITIONS, ...WORKFLOW_TOOL_DEFINITIONS];
const PASS_RATE = 0.95;

/** Plays the earlier turns against the provider itself, then returns its answer to the last one. */
async function run(
  testCase: CorpusCase,
): Promise<{ call?: { tool: string; arguments: unknown }; text?: string }> {
  const provider = new StubLlmProvider({ model: 'stub-intent-parser' } as never);
  const messages: ChatMessage[] = [{ role: 'system', content: 'system prompt' }];
  const results = [...(testCase.results ?? [])];
  for (const [index, turn] of testCase.turns.entries()) {
    messages.push({ role: 'user', content: turn });
    const answer = await provider.chat(messages, TOOLS);
    if (index === testCase.turns.length - 1) {
      const [call] = answer.toolCalls;
      return call
        ? { call: { tool: call.name, arguments: JSON.parse(call.arguments) as unknown } }
        : { text: answer.content ?? '' };
    }
    messages.push({ role: 'assistant', content: answer.content, toolCalls: answer.toolCalls });
    if (answer.toolCalls.length > 0) {
      for (const call of answer.toolCalls) {
        messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(results.shift() ?? {}) });
      }
      const summary = await provider.chat(messages, TOOLS);
      messages.push({ role: 'assistant', content: summary.content, toolCalls: [] });
    }
  }
  throw new Error(`${testCase.id}: no turns`);
}

function passes(testCase: CorpusCase, outcome: Awaited<ReturnType<typeof run>>): boolean {
  const { expect: expected } = testCase;
  if (expected.tool) {
    return (
      outcome.call?.tool === expected.tool &&
      JSON.stringify(sorted(outcome.call.arguments)) === JSON.stringify(sorted(expected.arguments ?? {}))
    );
  }
  if (expected.ask) return outcome.text !== undefined && /[?？]\s*$/.test(outcome.text);
  return outcome.text !== undefined;
}

function sorted(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

describe('the utterance corpus (test/fixtures/utterance-corpus.json)', () => {
  it('has at least 80 utterances, in English and Korean', () => {
    expect(CORPUS.cases.length).toBeGreaterThanOrEqual(80);
    expect(
      CORPUS.cases.filter((c) => /[\uac00-\ud7a3]/.test(c.turns.join(' '))).length,
    ).toBeGreaterThanOrEqual(20);
    expect(new Set(CORPUS.cases.map((c) => c.id)).size).toBe(CORPUS.cases.length);
  });

  it(`is understood at a rate of at least ${PASS_RATE * 100} %`, async () => {
    const failures: string[] = [];
    for (const testCase of CORPUS.cases) {
      const outcome = await run(testCase);
      if (!passes(testCase, outcome)) {
        failures.push(`${testCase.id}: ${JSON.stringify(testCase.turns)} → ${JSON.stringify(outcome)}`);
      }
    }
    const rate = (CORPUS.cases.length - failures.length) / CORPUS.cases.length;
    console.log(
      `utterance corpus: ${CORPUS.cases.length - failures.length}/${CORPUS.cases.length} understood ` +
        `(${(rate * 100).toFixed(1)} %)${failures.length > 0 ? `; failing:\n  ${failures.join('\n  ')}` : ''}`,
    );
    expect(rate).toBeGreaterThanOrEqual(PASS_RATE);
  });
});
