import { MetricsService } from '../metrics/metrics.service';
import { IdleMemoryReleaser, RELEASE_GROWTH_BYTES } from './idle-memory.releaser';
import type { MemoryProbe } from './memory-probe';

const MiB = 1024 * 1024;

/** A heap whose size and event-loop share the test sets; a release brings it down to `live`. */
class FakeProbe implements MemoryProbe {
  busy = 0;
  heap = 0;
  live = 40 * MiB;
  releases = 0;
  busyShare = () => this.busy;
  heapResidentBytes = () => this.heap;
  release = () => {
    this.releases++;
    this.heap = this.live;
  };
}

/** The test's clock: starts when the releaser is made (it counts the event loop busy until then). */
let now: number;
const later = (ms: number) => (now += ms);

function releaserOn(probe: FakeProbe | undefined, metrics = new MetricsService()) {
  const releaser = new IdleMemoryReleaser({ idleMemoryReleaseMs: 1000 }, metrics, probe);
  now = performance.now();
  return releaser;
}

describe('IdleMemoryReleaser', () => {
  it('releases once the event loop has been idle for IDLE_MEMORY_RELEASE_MS, not while busy', () => {
    const probe = Object.assign(new FakeProbe(), { heap: 200 * MiB, busy: 0.5 });
    const releaser = releaserOn(probe);
    expect(releaser.check(later(1000))).toBe(false);
    probe.busy = 0.02;
    expect(releaser.check(later(1000))).toBe(false);
    probe.busy = 0.01;
    expect(releaser.check(later(999))).toBe(false);
    expect(releaser.check(later(1))).toBe(true);
    expect(probe.releases).toBe(1);
  });

  it('releases again only once the heap grew by the threshold since the last release', () => {
    const probe = Object.assign(new FakeProbe(), { heap: 120 * MiB });
    const releaser = releaserOn(probe);
    expect(releaser.check(later(1000))).toBe(true);
    probe.heap = probe.live + RELEASE_GROWTH_BYTES - 1;
    expect(releaser.check(later(1000))).toBe(false);
    probe.heap = probe.live + RELEASE_GROWTH_BYTES;
    expect(releaser.check(later(1000))).toBe(true);
    expect(probe.releases).toBe(2);
  });

  it('counts releases and the bytes they gave back', async () => {
    const metrics = new MetricsService();
    const probe = Object.assign(new FakeProbe(), { heap: 100 * MiB });
    releaserOn(probe, metrics).check(later(1000));
    const text = await metrics.render();
    expect(text).toContain('memory_idle_releases_total 1\n');
    expect(text).toContain(`memory_idle_released_bytes_total ${60 * MiB}\n`);
  });

  it('does nothing without V8 gc', () => {
    expect(releaserOn(undefined).check(later(5000))).toBe(false);
  });

  it('IDLE_MEMORY_RELEASE_MS=0 starts no timer; otherwise one, checking every second at most', () => {
    const interval = vi.spyOn(globalThis, 'setInterval');
    try {
      new IdleMemoryReleaser(
        { idleMemoryReleaseMs: 0 },
        new MetricsService(),
        new FakeProbe(),
      ).onApplicationBootstrap();
      expect(interval).not.toHaveBeenCalled();
      const releaser = new IdleMemoryReleaser(
        { idleMemoryReleaseMs: 30_000 },
        new MetricsService(),
        new FakeProbe(),
      );
      releaser.onApplicationBootstrap();
      expect(interval).toHaveBeenCalledTimes(1);
      expect(interval.mock.calls[0][1]).toBe(1000);
      releaser.beforeApplicationShutdown();
    } finally {
      interval.mockRestore();
    }
  });
});
