import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FilesystemArtifactStore } from './filesystem-artifact.store';

describe('FilesystemArtifactStore.sweepIncoming', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mms-store-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Writes `key` under the store's root, last modified `ageMs` ago. */
  async function place(key: string, ageMs = 0): Promise<void> {
    const path = join(root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, key);
    const modified = new Date(Date.now() - ageMs);
    await utimes(path, modified, modified);
  }
  const TWO_HOURS = 2 * 3600_000;

  it('removes only temporary files older than the threshold, and nothing else', async () => {
    const incoming = join(root, '.incoming');
    await place('.incoming/stale.part', TWO_HOURS);
    await place('.incoming/live.part');
    await place('m/1/model.zip', TWO_HOURS);

    const store = new FilesystemArtifactStore(root);
    expect(await store.sweepIncoming(3600_000, async () => false)).toBe(1);
    expect(await readdir(incoming)).toEqual(['live.part']);
    expect(await readdir(join(root, 'm', '1'))).toEqual(['model.zip']);
  });

  it('keeps an old temporary file that a record still points to', async () => {
    const incoming = join(root, '.incoming');
    await place('.incoming/recorded.part', TWO_HOURS);
    await place('.incoming/orphan.part', TWO_HOURS);

    const asked: string[] = [];
    const removed = await new FilesystemArtifactStore(root).sweepIncoming(3600_000, async (key) => {
      asked.push(key);
      return key === '.incoming/recorded.part';
    });
    expect(removed).toBe(1);
    expect(asked.sort()).toEqual(['.incoming/orphan.part', '.incoming/recorded.part']);
    expect(await readdir(incoming)).toEqual(['recorded.part']);
  });

  it('is a no-op when nothing was ever uploaded', async () => {
    expect(await new FilesystemArtifactStore(join(root, 'absent')).sweepIncoming(0, async () => false)).toBe(
      0,
    );
  });
});
