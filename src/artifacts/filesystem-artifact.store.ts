import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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

  async move(from: string, to: string): Promise<void> {
    const target = this.pathOf(to);
    await mkdir(dirname(target), { recursive: true });
    // Same filesystem, so the rename is atomic: readers see the old file or the new one.
    await rename(this.pathOf(from), target);
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.ready-${randomUUID()}`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  }

  /**
   * Removes temporary upload files older than `olderThanMs`: what uploads cut by a crash or SIGKILL
   * left behind (a live upload finishes or fails long before). Returns how many it removed.
   */
  async sweepIncoming(olderThanMs: number, now = Date.now()): Promise<number> {
    const incoming = join(this.root, INCOMING_DIRECTORY);
    const names = await readdir(incoming).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
    let removed = 0;
    for (const name of names) {
      const path = join(incoming, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && now - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      }
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

function isNotFound(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}
