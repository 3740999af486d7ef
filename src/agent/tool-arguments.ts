import type { ClassConstructor } from 'class-transformer';
import { InvalidRequestException } from '../common/domain.exception';
import { RequestValidationPipe } from '../common/request-validation.pipe';
import type { ChatMessage, ToolDefinition } from './llm-provider';

/** What one tool call did, as `response.steps` records it and the model reads it back. */
export type ToolOutcome =
  | { readonly tool: string; readonly arguments: unknown; readonly ok: true; readonly result: unknown }
  | { readonly tool: string; readonly arguments: unknown; readonly ok: false; readonly error: string };

/** What a tool may look at besides its arguments: the conversation so far (for confirmations). */
export interface ToolContext {
  readonly history?: readonly ChatMessage[];
}

/** A tool's arguments were rejected or its call failed; the message goes back to the model, never to the client as an error. */
export class ToolArgumentsError extends Error {}

export function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // Some servers send "" for a tool without parameters.
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: `The arguments are not valid JSON (${(error as Error).message}); send one JSON object`,
    };
  }
}

export function requireObject(args: unknown, known: ReadonlySet<string>): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ToolArgumentsError('The arguments must be a JSON object');
  }
  const unknown = Object.keys(args).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw new ToolArgumentsError(
      `Unknown argument(s): ${unknown.join(', ')}; allowed: ${[...known].join(', ')}`,
    );
  }
  return args as Record<string, unknown>;
}

/** Exactly the REST API's validation: the global pipe itself (strict rules, NUL and prototype keys refused). */
export async function validated<T extends object>(
  type: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<T> {
  try {
    return (await VALIDATION.transform(withoutUndefined(plain), { type: 'body', metatype: type })) as T;
  } catch (error) {
    if (error instanceof InvalidRequestException) throw new ToolArgumentsError(error.detail);
    throw error;
  }
}

const VALIDATION = new RequestValidationPipe();

function withoutUndefined(plain: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(plain)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, isPlainObject(value) ? withoutUndefined(value) : value]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function argumentNames(definitions: readonly ToolDefinition[], tool: string): ReadonlySet<string> {
  const definition = definitions.find((t) => t.name === tool)!;
  return new Set(Object.keys(definition.parameters.properties as Record<string, unknown>));
}

export const text = (description: string) => ({ type: 'string', description });
