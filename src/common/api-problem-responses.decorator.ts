import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { EXAMPLE_CORRELATION_ID, EXAMPLE_ID } from './openapi-examples';
import { ProblemDetailsDto } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem-details';

/**
 * A problem an operation answers with, as its example shows it: a DomainException the operation
 * throws fits (its detail is then worded by the code that throws it).
 */
export interface ProblemExample {
  readonly status: number;
  readonly detail: string;
  /** The request path; by default the operation's own, its path parameters filled with their examples. */
  readonly instance?: string;
}

/** The problems any operation words alike; every other status needs the operation's own example. */
const COMMON_DETAILS: Record<number, string> = {
  401: 'This operation needs Authorization: Bearer <API key>',
  500: `Internal error; correlation id ${EXAMPLE_CORRELATION_ID}`,
  503: 'The database is unavailable; retry later',
};

/** Until {@link fillProblemInstances}: no request path is empty. */
const OPERATION_PATH = '';

/** One problem-details response of the document: its schema and a truthful example. */
export function problemResponse(problem: number | ProblemExample) {
  const { status, detail, instance } = typeof problem === 'number' ? commonProblem(problem) : problem;
  const example = {
    ...problemDetails(status, detail, instance ?? OPERATION_PATH),
    ...(status === 500 ? { correlationId: EXAMPLE_CORRELATION_ID } : {}),
  };
  return {
    description: STATUS_CODES[status] ?? String(status),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) }, example } },
  };
}

function commonProblem(status: number): ProblemExample {
  const detail = COMMON_DETAILS[status];
  if (detail === undefined) throw new Error(`A ${status} problem needs the operation's own example`);
  return { status, detail };
}

/** Documents the problem-details answers an operation can give (plus the 500 any can). */
export function ApiProblemResponses(
  ...problems: Array<number | ProblemExample>
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...[...problems, 500].map((problem) => {
      const response = problemResponse(problem);
      return ApiResponse({ status: response.content[PROBLEM_CONTENT_TYPE].example.status, ...response });
    }),
  );
}

interface DocumentedParameter {
  name?: string;
  in?: string;
  example?: unknown;
  schema?: { example?: unknown };
}

interface DocumentedResponse {
  content?: Record<string, { example?: { instance?: string } }>;
}

interface DocumentedOperation {
  parameters?: DocumentedParameter[];
  responses?: Record<string, DocumentedResponse>;
}

/**
 * Gives each problem example that has no instance of its own the path the operation answers it for:
 * its path parameters' examples, and for an `{id}` (which has none, so that Swagger UI does not
 * prefill it) the id of the 404 examples. Copies what it changes: the responses are the decorators'.
 */
export function fillProblemInstances(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as DocumentedOperation[]) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      const { responses } = operation;
      for (const [status, response] of Object.entries(responses)) {
        const media = response.content?.[PROBLEM_CONTENT_TYPE];
        if (media?.example?.instance !== OPERATION_PATH) continue;
        const example = { ...media.example, instance: examplePath(path, operation) };
        responses[status] = {
          ...response,
          content: { ...response.content, [PROBLEM_CONTENT_TYPE]: { ...media, example } },
        };
      }
    }
  }
}

function examplePath(path: string, operation: DocumentedOperation): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
    const value =
      parameter?.example ?? parameter?.schema?.example ?? (name === 'id' ? EXAMPLE_ID : undefined);
    if (typeof value !== 'string') throw new Error(`The path parameter ${name} of ${path} has no example`);
    return encodeURIComponent(value);
  });
}
