import type { ChildService } from './child-service';

/** A JSON log line of the service, as far as the tests read it. */
export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly context?: string;
  readonly req?: { id?: string; method?: string; url?: string; headers?: Record<string, string> };
  readonly res?: { statusCode?: number };
  readonly assistant?: Record<string, unknown>;
}

/** The JSON lines a child wrote so far that `matches`; other output (not JSON) is skipped. */
export function logLines(service: ChildService, matches: (line: LogLine) => boolean): LogLine[] {
  return service
    .output()
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text) as LogLine)
    .filter(matches);
}

/**
 * Waits (up to 5 s) until the lines that `match` include an access line (`request completed` or
 * `request aborted`), then a moment more so that a second one would show; returns them all.
 */
export async function accessLinesOf(
  service: ChildService,
  matches: (line: LogLine) => boolean,
): Promise<LogLine[]> {
  const deadline = Date.now() + 5_000;
  const isAccessLine = (line: LogLine) => line.msg === 'request completed' || line.msg === 'request aborted';
  while (!logLines(service, matches).some(isAccessLine) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  return logLines(service, matches);
}
