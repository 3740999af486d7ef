/** The Training Manager's REST API (o-ran-sc/aiml-fw-awmf-tm), as the assistant's workflow tools use it. */
export const TM_API = '/ai-ml-model-training/v1';

/** A Training Manager call failed: an error status, no connection, a timeout or a body that is not JSON. */
export class TrainingManagerError extends Error {
  constructor(
    message: string,
    /** True when the TM could not be reached at all (connection refused, DNS): the workflow tools are withdrawn. */
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = 'TrainingManagerError';
  }
}

export interface TrainingManagerResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Node's fetch with a deadline; every failure becomes a {@link TrainingManagerError} saying what happened. */
export class TrainingManagerClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  get(path: string, timeoutMs = this.timeoutMs): Promise<TrainingManagerResponse> {
    return this.send('GET', path, undefined, timeoutMs);
  }

  post(path: string, body: unknown): Promise<TrainingManagerResponse> {
    return this.send('POST', path, body, this.timeoutMs);
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    timeoutMs: number,
  ): Promise<TrainingManagerResponse> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        // Slow is not gone: the tools stay offered.
        throw new TrainingManagerError(
          `The Training Manager at ${this.baseUrl} did not answer within ${timeoutMs} ms`,
          false,
        );
      }
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new TrainingManagerError(
        `The Training Manager at ${this.baseUrl} is unreachable${code ? ` (${code})` : ''}`,
        true,
      );
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      throw new TrainingManagerError(
        `The Training Manager answered HTTP ${response.status} to ${method} ${path}` +
          (errorDetail(parsed, text) ? `: ${errorDetail(parsed, text)}` : ''),
        false,
      );
    }
    if (text !== '' && parsed === undefined) {
      throw new TrainingManagerError(`The Training Manager's answer to ${method} ${path} is not JSON`, false);
    }
    return { status: response.status, body: parsed };
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The TM answers problem details ({"title","detail"}), {"message"} or {"Exception"}; bounded, it is shown to the user. */
function errorDetail(parsed: unknown, text: string): string {
  let detail = '';
  if (typeof parsed === 'object' && parsed !== null) {
    const body = parsed as Record<string, unknown>;
    const value = body.detail ?? body.message ?? body.Exception ?? body.title;
    if (typeof value === 'string') detail = value;
  } else if (parsed === undefined) {
    detail = text.trim();
  }
  return detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
}
