import { FUZZY_STOPLIST, FUZZY_TARGETS } from './lexicon';

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("lsit" → "list"). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** How many edits a word of this length may carry and still count as a typo. */
function allowance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * The keyword a lower-case English word is a typo of, or the word itself. A tie between two
 * keywords is no correction: the parser then asks rather than guesses.
 */
export function correctTypo(word: string): string {
  if (!/^[a-z]+$/.test(word) || FUZZY_STOPLIST.has(word) || FUZZY_TARGETS.includes(word)) return word;
  const limit = allowance(word.length);
  if (limit === 0) return word;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const target of FUZZY_TARGETS) {
    if (Math.abs(target.length - word.length) > limit) continue;
    const distance = editDistance(word, target);
    if (distance < bestDistance) {
      best = target;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && best !== undefined && stem(target) !== stem(best)) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : word;
}

/** "models" and "model" are the same keyword for tie-breaking. */
function stem(word: string): string {
  return word.replace(/s$/, '');
}
