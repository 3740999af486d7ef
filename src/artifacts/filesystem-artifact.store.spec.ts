import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemArtifactStore } from './filesystem-artifact.store';

describe('FilesystemArtifactStore.sweepIncoming', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mms-store-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('removes only temporary files older than the threshold, and nothing else', async () => {
    const incoming = join(root, '.incoming');
    await mkdir(incoming, { recursive: true });
    await mkdir(join(root, 'm', '1'), { recursive: true });
    await writeFile(join(incoming, 'stale.part'), 'x');
    await writeFile(join(incoming, 'live.part'), 'y');
    await writeFile(join(root, 'm', '1', 'model.zip'), 'z');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(incoming, 'stale.part'), twoHoursAgo, twoHoursAgo);
    await utimes(join(root, 'm', '1', 'model.zip'), twoHoursAgo, twoHoursAgo);

    const store = new FilesystemArtifactStore(root);
    expect(await store.sweepIncoming(3600_000, async () => false)).toBe(1);
    expect(await readdir(incoming)).toEqual(['live.part']);
    expect(await readdir(join(root, 'm', '1'))).toEqual(['model.zip']);
  });

  it('keeps an old temporary file that a record still points to', async () => {
    const incoming = join(root, '.incoming');
    await mkdir(incoming, { recursive: true });
    await writeFile(join(incoming, 'recorded.part'), 'r');
    await writeFile(join(incoming, 'orphan.part'), 'o');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(incoming, 'recorded.part'), twoHoursAgo, twoHoursAgo);
    await utimes(join(incoming, 'orphan.part'), twoHoursAgo, twoHoursAgo);

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
