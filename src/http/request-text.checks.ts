import { isUtf8 } from 'node:buffer';
import { InvalidRequestException, UnsupportedMediaException } from '../common/domain.exception';

/**
 * A JSON body's text, decoded strictly: a lenient decoder would turn invalid bytes into U+FFFD
 * without a word. `charset` is the Content-Type's parameter (UTF-8 when absent).
 */
export function decodeJsonBody(body: Buffer, charset: string | undefined): string {
  const encoding = (charset ?? 'utf-8').toLowerCase();
  if (encoding === 'utf-8' || encoding === 'utf8') {
    if (!isUtf8(body)) throw new InvalidRequestException('The request body is not valid UTF-8');
    return body.toString('utf8');
  }
  // JSON is Unicode text (RFC 8259): other charsets than the UTF ones are not JSON.
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  try {
    if (encoding.startsWith('utf-')) decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    decoder = undefined;
  }
  if (!decoder) throw new UnsupportedMediaException(`Unsupported request encoding: ${charset}`);
  try {
    return decoder.decode(body);
  } catch {
    throw new InvalidRequestException(`The request body is not valid ${encoding.toUpperCase()}`);
  }
}

/**
 * Percent-encoded bytes in the path and the query must be UTF-8 (the query parser would turn them
 * into U+FFFD). Returns a detail naming the part, or undefined.
 */
export function malformedUrlText(url: string): string | undefined {
  if (!url.includes('%')) return undefined;
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  for (const segment of path.split('/')) {
    if (!decodes(segment)) return `Path segment ${segment}: must be valid percent-encoded UTF-8`;
  }
  if (queryStart === -1) return undefined;
  for (const pair of url.slice(queryStart + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (!decodes(name)) return `Query parameter ${name}: must be valid percent-encoded UTF-8`;
    if (!decodes(value)) return `${decodeURIComponent(name)}: must be valid percent-encoded UTF-8`;
  }
  return undefined;
}

/**
 * Whether the bytes that `%XX` escapes stand for are UTF-8 (surrogate code points excluded).
 * A `%` that starts no escape is left to the parsers (the query keeps it as is, the router refuses it).
 */
function decodes(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
    return true;
  } catch {
    return false;
  }
}
