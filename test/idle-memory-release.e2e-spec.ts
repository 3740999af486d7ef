import { readFile } from 'node:fs/promises';
import { ChildService, childServiceFixture, startChildService } from './support/child-service';
import { DISCOVERY, registrationBody, REGISTRATIONS } from './support/model-fixtures';
import { podNodeOptions } from './support/pod-node-options';

/**
 * The built service, with the V8 settings of the chart's pod, gives back what a burst of requests left
 * in its heap once it has been quiet for IDLE_MEMORY_RELEASE_MS (IdleMemoryReleaser). V8 keeps the
 * young generation at the size the burst grew it to, with its pages resident, and its own memory
 * reducer returns them only when a full GC came shortly before the quiet.
 */

const POD = podNodeOptions();
const RELEASES = 'memory_idle_releases_total';
/** Idle long enough that no stall within the burst on a loaded machine passes for the quiet after it. */
const IDLE_MS = 3_000;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
}

async function counter(service: ChildService, name: string): Promise<number> {
  const text = await (await fetch(`${service.base}/metrics`)).text();
  const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line[1]);
}

/**
 * Polls the release counter until it reaches `count`; resolves to what it read last. Seldom: a scrape
 * costs the service a few ms, and an interval busy for 2 % of its time is not idle.
 */
async function releasesReach(service: ChildService, count: number, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  let seen = await counter(service, RELEASES);
  while (seen < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    seen = await counter(service, RELEASES);
  }
  return seen;
}

/** `count` requests, 16 in flight: registrations, then reads of each. */
async function burst(service: ChildService, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const created = await fetch(`${service.base}${REGISTRATIONS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registrationBody({ modelName: `idle-${index}` })),
      });
      expect(created.status).toBe(201);
      const found = await fetch(`${service.base}${DISCOVERY}?model-name=idle-${index}&model-version=1`);
      expect(found.status).toBe(200);
      await found.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

describe('idle memory release (process)', () => {
  const fixture = childServiceFixture('mms-idle-memory-');
  let service: ChildService;

  afterEach(async () => {
    await fixture.service?.kill();
    fixture.service = undefined;
  });

  const start = async (releaseMs: string) =>
    (fixture.service = await startChildService({
      ...fixture.env(),
      NODE_OPTIONS: POD.nodeOptions,
      IDLE_MEMORY_RELEASE_MS: releaseMs,
    }));

  it("gives back start-up's garbage, then a burst's, once idle", async () => {
    service = await start(String(IDLE_MS));
    const pid = service.process.pid!;
    // Start-up leaves the young generation grown and full of garbage: the first idle interval takes it.
    expect(await releasesReach(service, 1, 20_000)).toBe(1);

    await burst(service, 1500);
    const busy = await rssMiB(pid);
    expect(await releasesReach(service, 2, 20_000)).toBe(2);
    const quiet = await rssMiB(pid);
    console.log(
      `idle memory release: RSS after the burst ${busy.toFixed(0)} MiB, once idle ${quiet.toFixed(0)}`,
    );
    expect(busy - quiet).toBeGreaterThan(24);
    expect(await counter(service, 'memory_idle_released_bytes_total')).toBeGreaterThan(0);

    // Idle with nothing new in the heap: no further release.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 2_000));
    expect(await counter(service, RELEASES)).toBe(2);
  }, 180_000);

  it('IDLE_MEMORY_RELEASE_MS=0 never releases', async () => {
    service = await start('0');
    // Past when the boot release came with IDLE_MS (the spec checks that 0 starts no timer at all).
    await new Promise((resolve) => setTimeout(resolve, 2 * IDLE_MS + 2_000));
    expect(await counter(service, RELEASES)).toBe(0);
  }, 60_000);
});
