import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidRequestException } from './domain.exception';
import { findUnsafeJsonBody } from './json-content.inspector';

/**
 * The JSON body parser's `verify` hook, on the raw bytes: the parser would decode invalid UTF-8
 * to U+FFFD without a word.
 */
export function refuseMalformedJsonBytes(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (encoding === 'utf-8' || encoding === 'utf8') {
    if (!isUtf8(body)) throw new InvalidRequestException('The request body is not valid UTF-8');
    return;
  }
  let decoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return; // a label TextDecoder does not know: the parser's own decoder decides
  }
  try {
    decoder.decode(body);
  } catch {
    throw new InvalidRequestException(`The request body is not valid ${encoding.toUpperCase()}`);
  }
}

/**
 * Runs after the JSON body parser, on every request: percent-encoded bytes in the path and the
 * query must be UTF-8 (the query parser would turn them into U+FFFD), and a parsed JSON body must
 * pass {@link findUnsafeJsonBody} (depth, NUL, lone surrogates, prototype keys) before anything
 * recursive (class-transformer, class-validator) sees it.
 */
export function refuseUnsafeRequestText(
  request: IncomingMessage & { body?: unknown },
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const problem = malformedUrlText(request.url ?? '') ?? findUnsafeJsonBody(request.body);
  next(problem ? new InvalidRequestException(problem) : undefined);
}

function malformedUrlText(url: string): string | undefined {
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
