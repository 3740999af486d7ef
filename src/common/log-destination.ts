import type { DestinationStream } from 'pino';

/**
 * Where log lines go: JSON lines on stdout (for the cluster's log collector), except on a terminal,
 * where a person reads them: then one readable line each (pino-pretty, a development dependency;
 * without it, JSON there too).
 */
export function logDestination(stdout: NodeJS.WriteStream = process.stdout): DestinationStream | undefined {
  if (!stdout.isTTY) return undefined;
  let pretty: typeof import('pino-pretty');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pretty = require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    return undefined;
  }
  return pretty({
    sync: true,
    colorize: stdout.hasColors?.() ?? false,
    translateTime: 'SYS:HH:MM:ss.l',
    // `[context] message`, as Nest prints it; an access line as `GET /path 200 1.2 ms`; what else a
    // line carries (an error, the assistant's summary) on the same line.
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat:
      '{if context}[{context}] {end}{if req}{req.method} {req.url} {res.statusCode} {responseTime} ms {end}{msg}',
    singleLine: true,
  });
}
