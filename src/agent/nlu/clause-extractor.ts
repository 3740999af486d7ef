import { ClauseSlot, CLAUSES, FILLERS, KOREAN_PASSIVE, THINGS, Thing, Verb, VERBS } from './lexicon';
import { Token, tokenize } from './tokenizer';

/** A slot as the sentence names it; the intent decides which tool argument it becomes. */
export type Slot = ClauseSlot | 'model' | 'featureGroup' | 'job';

/** How a slot's value is read: one word, a comma/space-separated list, or words up to the next clause. */
const SLOT_KINDS: Partial<Record<Slot, 'multi' | 'list'>> = {
  description: 'multi',
  author: 'multi',
  owner: 'multi',
  input: 'list',
  output: 'list',
  features: 'list',
};

type Item =
  | { kind: 'verb'; verb: Verb; token: Token; terminates: boolean }
  | { kind: 'thing'; thing: Thing; token: Token; plural: boolean }
  | { kind: 'clause'; slot: Slot; token: Token }
  | { kind: 'word'; token: Token }
  | { kind: 'filler'; token: Token };

/** What one message says, before any intent is chosen. */
export interface Reading {
  readonly verbs: ReadonlySet<Verb>;
  readonly things: readonly Thing[];
  readonly slots: Partial<Record<Slot, string>>;
  /** Slots whose value had more words than the slot takes: asked about, never cut. */
  readonly ambiguous: Partial<Record<Slot, string>>;
  /** Words no clause claimed (names and numbers said without a keyword: "show me qoe"). */
  readonly leftovers: readonly string[];
  /** The message's words without the fillers, for answers to a question ("alice"). */
  readonly tokens: readonly Token[];
}

interface Phrase {
  readonly words: readonly string[];
  readonly length: number;
  readonly make: (token: Token, rest: string) => Item;
}

const PHRASES: readonly Phrase[] = [
  ...Object.entries(VERBS).flatMap(([verb, words]) =>
    words.map((word) =>
      phrase(word, (token, rest): Item =>
        token.hangul && KOREAN_PASSIVE.test(rest)
          ? { kind: 'filler', token }
          : { kind: 'verb', verb: verb as Verb, token, terminates: token.hangul },
      ),
    ),
  ),
  ...Object.entries(THINGS).flatMap(([thing, words]) =>
    words.map((word) =>
      phrase(word, (token) => ({
        kind: 'thing',
        thing: thing as Thing,
        token,
        plural: /s$/.test(word) || /들/.test(token.norm),
      })),
    ),
  ),
  ...Object.entries(CLAUSES).flatMap(([slot, words]) =>
    words.map((word) => phrase(word, (token) => ({ kind: 'clause', slot: slot as Slot, token }))),
  ),
];

function phrase(text: string, make: Phrase['make']): Phrase {
  return { words: text.split(' '), length: text.length, make };
}

/** Hangul keywords are stems: they match the start of a word (모델을, 보여줘). */
function wordMatches(token: Token, word: string): string | undefined {
  if (token.quoted) return undefined;
  if (/[\uac00-\ud7a3]/.test(word))
    return token.norm.startsWith(word) ? token.norm.slice(word.length) : undefined;
  return token.norm === word ? '' : undefined;
}

function longestPhrase(tokens: readonly Token[], at: number): { item: Item; size: number } | undefined {
  let best: { item: Item; size: number; length: number } | undefined;
  for (const p of PHRASES) {
    if (at + p.words.length > tokens.length) continue;
    let rest: string | undefined = '';
    for (let k = 0; k < p.words.length && rest !== undefined; k += 1)
      rest = wordMatches(tokens[at + k], p.words[k]);
    if (rest === undefined) continue;
    const size = p.words.length;
    if (!best || size > best.size || (size === best.size && p.length > best.length)) {
      best = { item: p.make(tokens[at + size - 1], rest), size, length: p.length };
    }
  }
  return best;
}

function isFiller(token: Token): boolean {
  // Unknown Hangul words (particles, endings, 정보, 좀 ...) never make a name or a version.
  return !token.quoted && (token.hangul || FILLERS.has(token.norm));
}

function items(tokens: readonly Token[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i];
    const version = !token.quoted && /^v(\d[\w.-]*)$/i.exec(token.raw);
    if (version) {
      out.push({ kind: 'clause', slot: 'version', token });
      out.push({ kind: 'word', token: { ...token, raw: version[1], norm: version[1] } });
      i += 1;
      continue;
    }
    const match = token.quoted ? undefined : longestPhrase(tokens, i);
    if (match) {
      out.push(match.item);
      i += match.size;
      continue;
    }
    // Unknown Hangul words are fillers to single-word slots but kept in descriptions.
    out.push(isFiller(token) ? { kind: 'filler', token } : { kind: 'word', token });
    i += 1;
  }
  return out;
}

function slotOf(item: Item): Slot | undefined {
  if (item.kind === 'clause') return item.slot;
  if (item.kind !== 'thing') return undefined;
  // A plural names a set ("list models in ..."), never one value.
  if (item.plural) return undefined;
  return item.thing === 'model' ? 'model' : item.thing === 'featureGroup' ? 'featureGroup' : 'job';
}

const LEADING_FILLERS = new Set(['is', 'are', '=', ':', '-', 'to', 'as', 'of', 'be', 'should']);
const TRAILING_FILLERS = new Set(['and', 'with', 'please', 'pls', ',', 'then', 'also', 'plus']);

/** Reads the clauses of a message; see {@link Reading}. */
export function readMessage(text: string): Reading {
  const tokens = tokenize(text);
  const list = items(tokens);
  const consumed = new Set<number>();
  const slots: Partial<Record<Slot, string>> = {};
  const ambiguous: Partial<Record<Slot, string>> = {};
  const verbs = new Set<Verb>();
  const things: Thing[] = [];
  const empty: Slot[] = [];

  list.forEach((item, index) => {
    if (item.kind === 'verb') verbs.add(item.verb);
    if (item.kind === 'thing' && !things.includes(item.thing)) things.push(item.thing);
    const slot = slotOf(item);
    if (!slot) return;
    consumed.add(index);
    const kind = SLOT_KINDS[slot] ?? 'single';
    const run: number[] = [];
    for (let j = index + 1; j < list.length; j += 1) {
      const next = list[j];
      if (next.kind === 'clause' || (next.kind === 'verb' && next.terminates)) break;
      if (kind !== 'multi' && (next.kind === 'thing' || next.kind === 'verb')) break;
      run.push(j);
    }
    // "the author of model qoe ... to bob": the keyword names the field; "to" brings its value.
    if (list[run[0]]?.token.norm === 'of') {
      empty.push(slot);
      return;
    }
    if (kind === 'multi') {
      const words = run.map((j) => list[j].token.raw);
      while (words.length > 0 && LEADING_FILLERS.has(words[0].toLowerCase())) words.shift();
      while (words.length > 0 && TRAILING_FILLERS.has(words[words.length - 1].toLowerCase())) words.pop();
      if (words.length > 0) {
        slots[slot] = stripKoreanParticle(words.join(' '));
        run.forEach((j) => consumed.add(j));
      }
      return;
    }
    let values = run.filter((j) => list[j].kind === 'word');
    // "input a": a lone short word after a keyword is its value even if it looks like a filler.
    if (
      values.length === 0 &&
      run.length === 1 &&
      !LEADING_FILLERS.has(list[run[0]].token.norm) &&
      !list[run[0]].token.hangul
    ) {
      values = run;
    }
    if (kind === 'list') {
      const parts = values.flatMap((j) => list[j].token.raw.split(',')).filter((part) => part !== '');
      if (parts.length > 0) {
        slots[slot] = parts.join(',');
        run.forEach((j) => consumed.add(j));
      }
      return;
    }
    if (values.length > 0) {
      // Words right after the value belong to it ("traffic forecaster"): asked about, never cut.
      let end = 1;
      while (end < values.length && values[end] === values[end - 1] + 1) end += 1;
      const taken = values.slice(0, end);
      slots[slot] = list[taken[0]].token.raw;
      if (taken.length > 1) ambiguous[slot] = taken.map((j) => list[j].token.raw).join(' ');
      taken.forEach((j) => consumed.add(j));
      return;
    }
    empty.push(slot);
    // Korean (and "the qoe model") put the value before its keyword.
    for (let k = index - 1; k >= 0; k -= 1) {
      const previous = list[k];
      if (previous.kind === 'filler') continue;
      if (previous.kind === 'word' && !consumed.has(k)) {
        slots[slot] = previous.token.raw;
        consumed.add(k);
      }
      break;
    }
  });

  // "change the author of model qoe version 1 to bob": "to <value>" fills the clause left empty.
  const target = empty.find((slot) => slots[slot] === undefined);
  const to = list.findIndex(
    (item, index) => item.token.norm === 'to' && !consumed.has(index + 1) && list[index + 1]?.kind === 'word',
  );
  if (target && to >= 0) {
    const words: string[] = [];
    for (let j = to + 1; j < list.length && !consumed.has(j) && list[j].kind !== 'clause'; j += 1) {
      words.push(list[j].token.raw);
      consumed.add(j);
    }
    slots[target] = SLOT_KINDS[target] ? words.join(' ') : words[0];
    if (!SLOT_KINDS[target] && words.length > 1) ambiguous[target] = words.join(' ');
  }

  const leftovers = list
    .filter((item, index) => item.kind === 'word' && !consumed.has(index) && !item.token.hangul)
    .map((item) => item.token.raw);
  return { verbs, things, slots, ambiguous, leftovers, tokens };
}

/** "트래픽 예측을" → "트래픽 예측", "alice입니다" → "alice": particles and the copula end a Korean value, they are not part of it. */
function stripKoreanParticle(value: string): string {
  return value
    .replace(/\s+(입니다|이에요|예요|이요|요)$/, '')
    .replace(/([\uac00-\ud7a3])(을|를|은|는|으로|로)$/, '$1');
}
