import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import type { LogLevel } from '../config/app-config';
import { logDestination } from './log-destination';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's own start-up narration (each module and route, some 40 lines): debug, not info, so that a
 * start says what an operator needs (where archives go, API keys, where it listens) and little else.
 */
const NEST_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's logger on pino (`context`, `msg`, `err`): JSON lines, readable ones on a terminal (see
 * {@link logDestination}), from the first line of boot to the last of shutdown, and the migration
 * command's. Its pino instance also writes the access log.
 */
export class AppLogger implements LoggerService {
  readonly pino: Pino;

  constructor(level: LogLevel = 'info') {
    const destination = logDestination();
    this.pino = destination ? pino({ level }, destination) : pino({ level });
  }

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    this.write(
      typeof context === 'string' && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info',
      message,
      rest,
    );
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest calls (message, context) and, for errors, (message, stack, context). */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    // Before the context: Nest's error(message, stack), or pino's style (fields, message).
    const second = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: message }, message.message);
    else if (typeof message === 'string') this.pino[level]({ context, stack: second }, message);
    else if (second !== undefined && typeof message === 'object' && message !== null)
      this.pino[level]({ context, ...message }, second);
    else this.pino[level]({ context, detail: message });
  }
}
