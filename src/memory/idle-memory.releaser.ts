import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { v8Gc } from './v8-gc';

const MiB = 1024 * 1024;
/** A check interval in which the event loop was busy for less than this share of it counts as idle. */
export const IDLE_BUSY_SHARE = 0.02;
/** How often the releaser looks, at most. */
export const CHECK_EVERY_MS = 1000;
/**
 * The heap must have grown this much since the last release: a release costs a few full GCs (~0.2 s
 * of CPU for the service's ~40 MiB of live heap), worth it only for memory a burst left behind.
 */
export const RELEASE_GROWTH_BYTES = 32 * MiB;

/** Injection token of the releaser's {@link MemoryProbe}; undefined where V8's `gc` is unavailable. */
export const MEMORY_PROBE = Symbol('MEMORY_PROBE');

/** What the releaser reads and does: the process's own, or a stand-in in its spec. */
export interface MemoryProbe {
  /** The event loop's busy share (0–1) since the previous call. */
  busyShare(): number;
  /** Bytes of the V8 heap resident in memory. */
  heapResidentBytes(): number;
  /** Collects everything, shrinks the heap and returns its free pages to the system. */
  release(): void;
}

/** This process: event-loop utilisation, V8's heap statistics and its `gc`. */
export function processMemoryProbe(): MemoryProbe | undefined {
  const gc = v8Gc;
  if (!gc) return undefined;
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return {
    busyShare() {
      const now = performance.eventLoopUtilization();
      const share = performance.eventLoopUtilization(now, last).utilization;
      last = now;
      return share;
    },
    heapResidentBytes: () => getHeapStatistics().total_physical_size,
    release: () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' }),
  };
}

/**
 * Gives back the memory a burst of requests left behind once the service has been quiet for a while.
 * V8 keeps the young generation at the size the burst grew it to (two 32 MiB semi-spaces, see .npmrc)
 * and its free pages resident, and starts its own memory reducer only after a full GC, which bursts of
 * short requests rarely cause. Once the event loop has been idle for `IDLE_MEMORY_RELEASE_MS` and the
 * heap grew by RELEASE_GROWTH_BYTES since the last release, one memory-reducing collection: after
 * seeding 2,000 registrations, ~205 → ~142 MiB resident. It is not free: besides its own ~0.4 s of
 * CPU it drops compiled code and leaves V8 collecting its old generation more eagerly, so the next
 * burst's first ~15 s run 10–20 % slower; hence a default of 30 s, well past a pause between requests.
 */
@Injectable()
export class IdleMemoryReleaser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdleMemoryReleaser.name);
  private timer?: NodeJS.Timeout;
  /** The heap's resident size after the last release; none yet at start, so boot's garbage goes too. */
  private baseline = 0;
  /** When the event loop was last seen busy (performance.now()). */
  private busyAt = performance.now();

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'idleMemoryReleaseMs'>,
    private readonly metrics: MetricsService,
    @Inject(MEMORY_PROBE) private readonly probe: MemoryProbe | undefined,
  ) {}

  onApplicationBootstrap(): void {
    const idleMs = this.config.idleMemoryReleaseMs;
    if (idleMs === 0 || !this.probe) return;
    this.probe.busyShare();
    this.busyAt = performance.now();
    this.timer = setInterval(() => this.check(), Math.min(idleMs, CHECK_EVERY_MS)).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One check's decision at `now` (performance.now()); true when it released. */
  check(now = performance.now()): boolean {
    const probe = this.probe;
    if (!probe) return false;
    if (probe.busyShare() >= IDLE_BUSY_SHARE) {
      this.busyAt = now;
      return false;
    }
    if (now - this.busyAt < this.config.idleMemoryReleaseMs) return false;
    const before = probe.heapResidentBytes();
    if (before - this.baseline < RELEASE_GROWTH_BYTES) return false;
    const started = performance.now();
    probe.release();
    const after = probe.heapResidentBytes();
    this.baseline = after;
    this.metrics.observeMemoryRelease(Math.max(0, before - after));
    this.logger.debug(
      `Idle: heap compacted from ${(before / MiB).toFixed(1)} to ${(after / MiB).toFixed(1)} MiB resident ` +
        `in ${Math.round(performance.now() - started)} ms`,
    );
    // The release's own time must not count as work.
    probe.busyShare();
    return true;
  }
}
