import { constants as fsConstants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArtifactKeyLayout, INCOMING_DIRECTORY, NestedKeyLayout } from './artifact-key.layout';
import type { ArtifactStore, StoredBody, StoredObject } from './artifact-store';
import { ArtifactStoreLinkError } from './artifact-store.exception';
import type { ByteRange } from './byte-range.parser';

const { O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = fsConstants;

/**
 * Archives as files under one directory (`DATA_DIR/artifacts`). It never follows a symbolic link
 * under that directory (the directory itself may be one): a link planted there must not make a
 * download serve, or an upload write, a file outside the store.
 */
export class FilesystemArtifactStore implements ArtifactStore {
  readonly kind = 'filesystem';
  readonly layout: ArtifactKeyLayout = new NestedKeyLayout();
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Readable): Promise<void> {
    const path = await this.makeParents(key);
    // O_EXCL: a temporary key is new; O_NOFOLLOW: never write through a link at the key itself.
    const handle = await open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644).catch(
      (error: unknown) => {
        throw isLink(error) ? new ArtifactStoreLinkError(key) : error;
      },
    );
    try {
      await pipeline(body, handle.createWriteStream({ highWaterMark: 1024 * 1024 }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredBody | null> {
    const path = await this.checkedPath(key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, O_RDONLY | O_NOFOLLOW);
    } catch (error) {
      if (isNotFound(error)) return null;
      if (isLink(error)) throw new ArtifactStoreLinkError(key);
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      // 1 MiB reads: the 64 KiB default costs a syscall and a socket write per 64 KiB.
      const body = handle.createReadStream({
        highWaterMark: 1024 * 1024,
        ...(range ? { start: range.start, end: range.end } : {}),
      });
      return { body, totalBytes: info.size };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    const path = await this.checkedPath(key);
    try {
      const info = await lstat(path);
      if (info.isSymbolicLink()) throw new ArtifactStoreLinkError(key);
      return info.isFile() ? { sizeBytes: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Empty directories stay: removing them would race with a concurrent upload creating them. */
  async delete(key: string): Promise<void> {
    // rm() does not follow a link at the key itself, but would through a linked directory.
    await rm(await this.checkedPath(key), { force: true });
  }

  async copy(from: string, to: string): Promise<void> {
    const source = await this.checkedPath(from);
    // link() would link a symbolic link itself, copyFile() would follow it.
    if ((await lstat(source)).isSymbolicLink()) throw new ArtifactStoreLinkError(from);
    const target = await this.makeParents(to);
    try {
      // Same filesystem: a second name for the same bytes, whatever their size. Never replaces a
      // file (EEXIST): an archive already at the final key may belong to another upload.
      await link(source, target);
    } catch (error) {
      if (!LINKS_UNSUPPORTED.has((error as { code?: string }).code ?? '')) throw error;
      await copyFile(source, target, fsConstants.COPYFILE_EXCL);
    }
  }

  async refuseLinks(key: string): Promise<void> {
    await this.checkedPath(key);
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
    // A linked .incoming would have files outside the store removed.
    await this.checkedPath(`${INCOMING_DIRECTORY}/${INCOMING_DIRECTORY}`);
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

  /**
   * The key's path, after checking that no directory between the root and it is a symbolic link;
   * the walk stops at the first one that does not exist yet.
   */
  private async checkedPath(key: string): Promise<string> {
    const path = this.pathOf(key);
    const directories = relative(this.root, path).split(sep).slice(0, -1);
    let current = this.root;
    for (const name of directories) {
      current = join(current, name);
      const info = await lstat(current).catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
      if (!info) break;
      if (info.isSymbolicLink()) throw new ArtifactStoreLinkError(relative(this.root, current));
    }
    return path;
  }

  /**
   * Creates the key's directories without going through a link: checked before (mkdir would create
   * directories inside a link's target) and after (a link planted meanwhile).
   */
  private async makeParents(key: string): Promise<string> {
    const path = await this.checkedPath(key);
    await mkdir(dirname(path), { recursive: true });
    return this.checkedPath(key);
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

/** What open() with O_NOFOLLOW says when the last component is a symbolic link. */
function isLink(error: unknown): boolean {
  return (error as { code?: string }).code === 'ELOOP';
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: string }).code === 'ENOENT';
}
