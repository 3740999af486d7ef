import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { v8Gc } from './v8-gc';

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
