import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config';

/**
 * DATA_DIR must be writable when it is used (the embedded store, or archives without S3). With a
 * read-only root and no volume there, the failure would otherwise surface deep inside the store as
 * `ENOENT: mkdir '/tmp/data'`. Returns the problem as one line, or undefined.
 */
export function checkDataDir(config: AppConfig): string | undefined {
  const used = config.database.kind === 'embedded' || !config.artifacts.s3;
  if (!used) return undefined;
  const probe = join(config.dataDir, `.write-check-${process.pid}`);
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
    return undefined;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    return (
      `DATA_DIR ${config.dataDir} is not writable (${code ?? String(error)}): the embedded store and ` +
      `archives without S3 live there; mount a writable volume at it (the chart's emptyDir at /tmp, or ` +
      `persistence), or set DATA_DIR to a writable directory`
    );
  }
}
