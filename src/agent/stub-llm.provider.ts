import type { AppConfig } from '../config/app-config';
import type { ChatMessage, ChatTurn, LlmProvider, ToolCall, ToolDefinition } from './llm-provider';
import { GET_MODEL, LIST_MODELS, ModelSummary, REGISTER_MODEL } from './registry-tools';

/** Clause keyword → register_model argument. */
const REGISTER_CLAUSES: Readonly<Record<string, string>> = {
  version: 'modelVersion',
  description: 'description',
  author: 'author',
  owner: 'owner',
  input: 'inputDataType',
  output: 'outputDataType',
  location: 'modelLocation',
};

/** Required register_model arguments and how the user supplies each. */
const REQUIRED_REGISTER_CLAUSES: ReadonlyArray<readonly [string, string]> = [
  ['modelName', 'the model name (register model <name>)'],
  ['modelVersion', 'version <version>'],
  ['description', 'description "<text>"'],
  ['author', 'author <name>'],
  ['inputDataType', 'input <types>'],
  ['outputDataType', 'output <types>'],
];

const INTENTS = [
  { kind: 'register', pattern: /\bregister\s+model\b/i },
  { kind: 'show', pattern: /\bshow\s+model\b/i },
  { kind: 'list', pattern: /\blist\s+models\b/i },
] as const;

const EXAMPLE =
  'register model qoe-predictor version 1 description "QoE prediction" author alice input pdcpBytesDl output pdcpBytesDl';

export const STUB_HELP =
  'I can register, list and show models. Try: ' +
  '"register model <name> version <version> description "<text>" author <name> input <types> output <types>" ' +
  '(optionally with owner <owner> and location <uri>), "list models", or "show model <name> version <version>".';

interface Token {
  readonly value: string;
  readonly quoted: boolean;
}

/**
 * Offline, deterministic stand-in for a language model: parses a few fixed phrases and answers
 * with tool calls, then with a summary of the tool results, so the agent loop runs exactly as it
 * does with a real model.
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

  chat(messages: readonly ChatMessage[], _tools: readonly ToolDefinition[]): Promise<ChatTurn> {
    const last = messages[messages.length - 1];
    if (last?.role === 'tool') return Promise.resolve(text(summarizeToolResults(messages)));
    const lastUser = [...messages].reverse().find((message) => message.role === 'user');
    return Promise.resolve(parseRequest(lastUser?.content ?? ''));
  }
}

/** The first turn: a tool call for a complete request, else a question or the help text. */
export function parseRequest(request: string): ChatTurn {
  const intent = INTENTS.map(({ kind, pattern }) => ({ kind, match: pattern.exec(request) }))
    .filter((candidate) => candidate.match !== null)
    .sort((a, b) => a.match!.index - b.match!.index)[0];
  if (!intent) return text(STUB_HELP);
  const rest = tokenize(request.slice(intent.match!.index + intent.match![0].length));
  switch (intent.kind) {
    case 'list':
      return call(LIST_MODELS, {});
    case 'show':
      return parseShow(rest);
    case 'register':
      return parseRegister(rest);
  }
}

function parseRegister(tokens: Token[]): ChatTurn {
  const args: Record<string, string> = {};
  let index = 0;
  if (tokens[0] && !isKeyword(tokens[0], REGISTER_CLAUSES)) {
    args.modelName = tokens[0].value;
    index = 1;
  }
  for (; index < tokens.length; index += 1) {
    const token = tokens[index];
    const next = tokens[index + 1];
    // Anything that is not a clause keyword followed by a value is filler ("with", "and", ...).
    if (next && isKeyword(token, REGISTER_CLAUSES)) {
      args[REGISTER_CLAUSES[token.value.toLowerCase()]] = next.value;
      index += 1;
    }
  }
  const missing = REQUIRED_REGISTER_CLAUSES.filter(([field]) => !args[field]).map(([, clause]) => clause);
  if (missing.length > 0) {
    const subject = `model ${args.modelName ?? '<name>'} version ${args.modelVersion ?? '<version>'}`;
    return text(
      `To register ${subject} I also need: ${missing.join(', ')}. ` +
        `Please send the whole request again, for example: ${EXAMPLE}`,
    );
  }
  return call(REGISTER_MODEL, args);
}

function parseShow(tokens: Token[]): ChatTurn {
  const [name, keyword, version] = tokens;
  if (!name || !keyword || !version || keyword.quoted || keyword.value.toLowerCase() !== 'version') {
    return text('To show a model I need its name and version: show model <name> version <version>');
  }
  return call(GET_MODEL, { modelName: name.value, modelVersion: version.value });
}

function isKeyword(token: Token, keywords: Readonly<Record<string, string>>): boolean {
  return !token.quoted && Object.hasOwn(keywords, token.value.toLowerCase());
}

/** Words, or "…" / '…' quoted strings; trailing punctuation of bare words is dropped ("version 2." → "2"). */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  for (const match of input.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) tokens.push({ value: quoted, quoted: true });
    else tokens.push({ value: match[3].replace(/[.,;:!?]+$/, ''), quoted: false });
  }
  return tokens.filter((token) => token.quoted || token.value !== '');
}

/** The second turn: what the tools of the previous turn did, in one sentence each. */
function summarizeToolResults(messages: readonly ChatMessage[]): string {
  const calls = new Map<string, ToolCall>();
  for (const message of messages) {
    if (message.role === 'assistant')
      for (const toolCall of message.toolCalls) calls.set(toolCall.id, toolCall);
  }
  const results: string[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index].role === 'tool'; index -= 1) {
    const message = messages[index] as Extract<ChatMessage, { role: 'tool' }>;
    const toolCall = calls.get(message.toolCallId);
    results.unshift(summarize(toolCall, JSON.parse(message.content) as Record<string, unknown>));
  }
  return results.join(' ');
}

function summarize(toolCall: ToolCall | undefined, outcome: Record<string, unknown>): string {
  const args = toolCall ? (safeParse(toolCall.arguments) as Record<string, string>) : {};
  const subject = `model ${args.modelName} version ${args.modelVersion}`;
  if (typeof outcome.error === 'string') {
    const action =
      toolCall?.name === LIST_MODELS
        ? 'list the models'
        : `${toolCall?.name === GET_MODEL ? 'show' : 'register'} ${subject}`;
    return `I could not ${action}: ${outcome.error}`;
  }
  switch (toolCall?.name) {
    case REGISTER_MODEL: {
      const model = outcome as unknown as ModelView;
      return `Registered ${subject} (id ${model.id}, artifact version ${model.modelId.artifactVersion}).`;
    }
    case GET_MODEL:
      return describeModel(outcome as unknown as ModelView);
    case LIST_MODELS: {
      const { total, models } = outcome as unknown as { total: number; models: ModelSummary[] };
      if (total === 0) return 'No models are registered.';
      const names = models.map((model) => `${model.modelName} version ${model.modelVersion}`).join(', ');
      const shown = models.length < total ? ` (the first ${models.length} shown)` : '';
      return `${total} model${total === 1 ? ' is' : 's are'} registered${shown}: ${names}.`;
    }
    default:
      return JSON.stringify(outcome);
  }
}

interface ModelView {
  id: string;
  modelId: { modelName: string; modelVersion: string; artifactVersion: string };
  description: string;
  modelInformation: {
    metadata: { author: string; owner: string };
    inputDataType: string;
    outputDataType: string;
    targetEnvironment: unknown[];
  };
  modelLocation: string;
}

function describeModel(model: ModelView): string {
  const { modelId, modelInformation: info } = model;
  return (
    `Model ${modelId.modelName} version ${modelId.modelVersion}: ${model.description}. ` +
    `Author ${info.metadata.author}, owner ${info.metadata.owner || '(none)'}, ` +
    `input ${info.inputDataType}, output ${info.outputDataType}, ` +
    `location ${model.modelLocation || '(none)'}, artifact version ${modelId.artifactVersion}, ` +
    `${info.targetEnvironment.length} target environment(s), id ${model.id}.`
  );
}

function text(content: string): ChatTurn {
  return { content, toolCalls: [] };
}

function call(name: string, args: Record<string, string>): ChatTurn {
  return { content: null, toolCalls: [{ id: 'stub-call-1', name, arguments: JSON.stringify(args) }] };
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}
