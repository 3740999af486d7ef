/** Roughly this many characters per chunk: a few words, as a streaming model would send them. */
const CHUNK_CHARACTERS = 24;

/**
 * Splits an answer into streamable pieces at word boundaries; joined they give the text back
 * exactly. For providers that do not stream.
 */
export function textChunks(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const word of text.match(/\s*\S+\s*/g) ?? (text ? [text] : [])) {
    if (current && current.length + word.length > CHUNK_CHARACTERS) {
      chunks.push(current);
      current = '';
    }
    current += word;
  }
  if (current) chunks.push(current);
  return chunks;
}
