import { correctTypo } from './fuzzy-matcher';

export interface Token {
  /** As the user wrote it (quotes removed): values are taken from here. */
  readonly raw: string;
  /** Lower-case, typo-corrected (English) form: keywords are matched on this. */
  readonly norm: string;
  readonly quoted: boolean;
  readonly hangul: boolean;
}

const HANGUL = /[\uac00-\ud7a3\u3131-\u318e]/;
/** Quotes count only at a word's edge, so that "what's" and "model's" stay words. */
const TOKENS = /(?<=^|\s)"([^"]*)"|(?<=^|\s)'([^']*)'(?=\s|$|[.,;:!?])|[“‘]([^”’]*)[”’]|(\S+)/g;

/**
 * Words and quoted strings. A word mixing Latin and Hangul is split where the script changes
 * ("traffic을" → "traffic" "을", "버전1" → "버전" "1"), so that Korean particles fall away.
 */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  for (const match of input.matchAll(TOKENS)) {
    const quoted = match[1] ?? match[2] ?? match[3];
    if (quoted !== undefined) {
      tokens.push({ raw: quoted, norm: quoted.toLowerCase(), quoted: true, hangul: false });
      continue;
    }
    for (const part of match[4].match(/[\uac00-\ud7a3\u3131-\u318e]+|[^\uac00-\ud7a3\u3131-\u318e]+/g) ??
      []) {
      const raw = trimPunctuation(part);
      if (raw === '') continue;
      const hangul = HANGUL.test(raw);
      const lower = raw.toLowerCase();
      tokens.push({ raw, norm: hangul ? lower : correctTypo(lower), quoted: false, hangul });
    }
  }
  return tokens;
}

/** Sentence punctuation around a word is not part of it ("version 2." → "2", "(qoe)" → "qoe"). */
function trimPunctuation(word: string): string {
  return word.replace(/^[("'`[{]+/, '').replace(/[.,;:!?)"'`\]}]+$/, '');
}
