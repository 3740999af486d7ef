import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { MEMORY_PROBE, type MemoryProbe } from './memory-probe';

const MiB = 1024 * 1024;
/** A check interval in which the event loop was busy for less than this share of it counts as idle. */
export const IDLE_BUSY_SHARE = 0.02;
/** How often the releaser looks: every second, or every IDLE_MEMORY_RELEASE_MS when shorter… */
export const CHECK_EVERY_MS = 1000;
/** …but never more often than this. */
const CHECK_AT_MOST_EVERY_MS = 250;
/**
 * The heap must have grown this much since the last release: a release costs a few full GCs (~0.4 s
 * of CPU, ~0.2 s of wall time, for the service's ~40 MiB of live heap), worth it only for memory a
 * burst left behind.
 */
export const RELEASE_GROWTH_BYTES = 32 * MiB;

/**
 * Gives back the memory a burst of requests left behind once the service has been quiet for a while.
 * V8 keeps the young generation at the size the burst grew it to (two 32 MiB semi-spaces, see .npmrc),
 * with its free pages resident, and the old generation's garbage; its own memory reducer returns them
 * only when a full GC came shortly before the quiet (after the benchmark's load it left 339 MiB). Once
 * the event loop has been idle for `IDLE_MEMORY_RELEASE_MS` and the heap grew by RELEASE_GROWTH_BYTES
 * since the last release, one memory-reducing collection (339 → 151 MiB there). It is not free:
 * besides its own ~0.4 s of CPU it drops compiled code and leaves V8 collecting its old generation
 * more eagerly, so the next burst's first ~15 s run 10–20 % slower; hence a default of 30 s.
 */
@Injectable()
export class IdleMemoryReleaser implements OnApplicationBootstrap, BeforeApplicationShutdown {
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
    const every = Math.max(CHECK_AT_MOST_EVERY_MS, Math.min(idleMs, CHECK_EVERY_MS));
    this.timer = setInterval(() => this.check(), every).unref();
  }

  /** Before the drain: a release would stall the requests still being answered. */
  beforeApplicationShutdown(): void {
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
      {
        heapBeforeMiB: Math.round(before / MiB),
        heapAfterMiB: Math.round(after / MiB),
        ms: Math.round(performance.now() - started),
      },
      'Idle: heap compacted and its free pages given back',
    );
    // The release's own time must not count as work.
    probe.busyShare();
    return true;
  }
}
