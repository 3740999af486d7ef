/**
 * JSON text produced piece by piece, so that an answer never has to exist whole in memory. Joined,
 * the pieces are exactly what JSON.stringify gives for the whole value.
 */

/** `JSON.stringify([...items])`, one item per piece. The items are objects (no `undefined`). */
export async function* jsonArrayChunks(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  let separator = '[';
  for await (const item of items) {
    yield separator + JSON.stringify(item);
    separator = ',';
  }
  yield separator === '[' ? '[]' : ']';
}

/**
 * `JSON.stringify(text)` where `text` is the concatenation of `parts`. Escaping is per character, so
 * escaping each part gives the same bytes, provided no part ends inside a surrogate pair: JSON text
 * from {@link jsonArrayChunks} never does (JSON.stringify escapes lone surrogates).
 */
export async function* jsonStringChunks(parts: AsyncIterable<string>): AsyncGenerator<string> {
  yield '"';
  for await (const part of parts) yield JSON.stringify(part).slice(1, -1);
  yield '"';
}
