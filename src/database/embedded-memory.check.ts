import { readFileSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';

/**
 * The memory limit the embedded store's first boot (initdb + migrations) needs: it peaks at ~750 MiB
 * and is OOM-killed under 640 MiB, measured in the image (docs/deploy.md); later starts peak at ~300 MiB.
 */
export const EMBEDDED_MEMORY_BYTES = 768 * 1024 ** 2;

/** The memory limit of this process's cgroup (v2, else v1), or undefined when unlimited or unknown. */
export function cgroupMemoryLimit(read = (path: string) => readFileSync(path, 'utf8')): number | undefined {
  for (const path of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const limit = Number(read(path).trim());
      // v1 reports "no limit" as a huge number; v2 as "max" (NaN here).
      return Number.isFinite(limit) && limit < 2 ** 60 ? limit : undefined;
    } catch {
      // not this cgroup version
    }
  }
  return undefined;
}

/**
 * The embedded store under a smaller memory limit is OOM-killed a few seconds into boot, without a
 * log line: refuse up front with one. Returns the problem as one line, or undefined.
 */
export function checkEmbeddedMemory(config: AppConfig, limit = cgroupMemoryLimit()): string | undefined {
  if (config.database.kind !== 'embedded' || limit === undefined || limit >= EMBEDDED_MEMORY_BYTES)
    return undefined;
  const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;
  return (
    `The embedded store needs about ${mib(EMBEDDED_MEMORY_BYTES)} of memory and this container is limited ` +
    `to ${mib(limit)}: configure PostgreSQL (DATABASE_URL or PG_HOST) or raise the memory limit`
  );
}
