import { mkdtemp, readdir, rm, symlink, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
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

describe('FilesystemArtifactStore never follows a symbolic link under its root', () => {
  let root: string;
  let outside: string;
  let store: FilesystemArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mms-store-'));
    outside = await mkdtemp(join(tmpdir(), 'mms-outside-'));
    store = new FilesystemArtifactStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const linkError = (at: string) => expect.objectContaining({ name: 'ArtifactStoreLinkError', at });

  it('reads: a linked file or a linked folder on the way is refused, not served', async () => {
    await writeFile(join(outside, 'secret.zip'), 'secret');
    await mkdir(join(root, 'm', '1', '1.0.0'), { recursive: true });
    await symlink(join(outside, 'secret.zip'), join(root, 'm', '1', '1.0.0', 'model.zip'));
    await expect(store.get('m/1/1.0.0/model.zip')).rejects.toEqual(linkError('m/1/1.0.0/model.zip'));
    await expect(store.head('m/1/1.0.0/model.zip')).rejects.toEqual(linkError('m/1/1.0.0/model.zip'));

    await mkdir(join(outside, '1', '1.0.0'), { recursive: true });
    await writeFile(join(outside, '1', '1.0.0', 'model.zip'), 'secret');
    await symlink(outside, join(root, 'n'));
    await expect(store.get('n/1/1.0.0/model.zip')).rejects.toEqual(linkError('n'));
    await expect(store.head('n/1/1.0.0/model.zip')).rejects.toEqual(linkError('n'));
  });

  it('writes and deletes: nothing is created, copied or removed through a linked folder', async () => {
    await symlink(outside, join(root, 'n'));
    await expect(store.put('n/1/1.0.0/model.zip', Readable.from([Buffer.from('PK')]))).rejects.toEqual(
      linkError('n'),
    );
    await store.put('.incoming/a.part', Readable.from([Buffer.from('PK')]));
    await expect(store.copy('.incoming/a.part', 'n/1/1.0.0/model.zip')).rejects.toEqual(linkError('n'));
    await writeFile(join(outside, 'keep.zip'), 'keep');
    await expect(store.delete('n/keep.zip')).rejects.toEqual(linkError('n'));
    expect(await readdir(outside)).toEqual(['keep.zip']);
    await expect(store.refuseLinks('n/1/1.0.0/model.zip')).rejects.toEqual(linkError('n'));
    await expect(store.refuseLinks('m/1/1.0.0/model.zip')).resolves.toBeUndefined();
  });

  it('a linked .incoming is neither written to nor swept', async () => {
    await writeFile(join(outside, 'old.part'), 'x');
    const old = new Date(Date.now() - 2 * 3600_000);
    await utimes(join(outside, 'old.part'), old, old);
    await symlink(outside, join(root, '.incoming'));
    await expect(store.put('.incoming/b.part', Readable.from([Buffer.from('PK')]))).rejects.toEqual(
      linkError('.incoming'),
    );
    await expect(store.sweepIncoming(3600_000, async () => false)).rejects.toEqual(linkError('.incoming'));
    expect(await readdir(outside)).toEqual(['old.part']);
  });

  it('get() gives the whole size, also for a range', async () => {
    await store.put('m/1/1.0.0/model.zip', Readable.from([Buffer.alloc(1000)]));
    const ranged = await store.get('m/1/1.0.0/model.zip', { start: 10, end: 19 });
    expect(ranged?.totalBytes).toBe(1000);
    ranged?.body.destroy();
    const whole = await store.get('m/1/1.0.0/model.zip');
    expect(whole?.totalBytes).toBe(1000);
    whole?.body.destroy();
  });
});
