import { constants as fsConstants, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArtifactKeyLayout, INCOMING_DIRECTORY, NestedKeyLayout } from './artifact-key.layout';
import type { ArtifactStore, StoredObject } from './artifact-store';
import type { ByteRange } from './byte-range.parser';

/** Archives as files under one directory (`DATA_DIR/artifacts`). */
export class FilesystemArtifactStore implements ArtifactStore {
  readonly kind = 'filesystem';
  readonly layout: ArtifactKeyLayout = new NestedKeyLayout();
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Readable): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await pipeline(body, createWriteStream(path, { highWaterMark: 1024 * 1024 }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      // 1 MiB reads: the 64 KiB default costs a syscall and a socket write per 64 KiB.
      return handle.createReadStream({
        highWaterMark: 1024 * 1024,
        ...(range ? { start: range.start, end: range.end } : {}),
      });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { sizeBytes: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Empty directories stay: removing them would race with a concurrent upload creating them. */
  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async copy(from: string, to: string): Promise<void> {
    const source = this.pathOf(from);
    const target = this.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    try {
      // Same filesystem: a second name for the same bytes, whatever their size. Never replaces a
      // file (EEXIST): an archive already at the final key may belong to another upload.
      await link(source, target);
    } catch (error) {
      if (!LINKS_UNSUPPORTED.has((error as { code?: string }).code ?? '')) throw error;
      await copyFile(source, target, fsConstants.COPYFILE_EXCL);
    }
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.ready-${randomUUID()}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  async sweepIncoming(
    olderThanMs: number,
    isRecorded: (key: string) => Promise<boolean>,
    now = Date.now(),
  ): Promise<number> {
    const incoming = join(this.root, INCOMING_DIRECTORY);
    const names = await readdir(incoming).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
    let removed = 0;
    for (const name of names) {
      const path = join(incoming, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now - info.mtimeMs <= olderThanMs) continue;
      // An upload whose move to its final key failed after the commit is served from here.
      if (await isRecorded(`${INCOMING_DIRECTORY}/${name}`)) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    // Keys are built from validated names; this guards against a bug, not against input.
    if (!path.startsWith(this.root + sep))
      throw new Error(`Storage key ${JSON.stringify(key)} leaves the store`);
    return path;
  }
}

/** Errors of filesystems without hard links (some network and FUSE mounts). */
const LINKS_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

function isNotFound(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}
