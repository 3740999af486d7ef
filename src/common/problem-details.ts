import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details, as every error of this service is reported. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Only on 500s: quote it when reporting the failure; the log line carries the cause. */
  correlationId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemDetails(status: number, detail: string, instance: string): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance };
}
