#!/usr/bin/env node
// npm run check:image: builds the image with container-image-local.sh (buildah; podman + runc run
// with the chart's security context) and checks what it holds and how it runs (issue 15, SPEC §8).
// Needs root, podman, buildah, runc, debootstrap (see .ci/run) and PostgreSQL (DATABASE_URL, default
// postgres://postgres:postgres@127.0.0.1:5432/postgres). Env: IMAGE_TOOL, CHECK_IMAGE, SKIP_BUILD=1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.mjs';
import { checkRunner } from '../lib/checks.mjs';
import { helmIn } from '../lib/helm.mjs';
import { serveAndDrain } from './app-run.mjs';
import { chartEnv } from './chart-env.mjs';
import { embeddedUnderLimit } from './embedded.mjs';
import { heapUnderLimit } from './heap-limit.mjs';
import { assertNonRoot, assertProductionOnly, listImage } from './files.mjs';
import { build, IMAGE } from './image-tool.mjs';
import { createDatabase, startS3 } from './local-services.mjs';
import { migrateTwice } from './migrate.mjs';
import { addedSize } from './size.mjs';

const { check, finish } = checkRunner('check-image');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-image-'));
const cleanups = [() => fs.rmSync(tmp, { recursive: true, force: true })];

try {
  const built =
    process.env.SKIP_BUILD === '1' ||
    (await check(`build ${IMAGE} (buildah, the Dockerfile unchanged)`, () => {
      const started = Date.now();
      build();
      return `${((Date.now() - started) / 1000).toFixed(0)} s`;
    }));
  if (built) {
    const listing = await listImage();
    await check('files: production packages only, no TypeScript build info, no maps without sources', () =>
      assertProductionOnly(listing),
    );
    await check('non-root: numeric USER 1000:1000', () => assertNonRoot(listing));
    await check('size added to the base image', addedSize);

    const helm = helmIn(tmp, { KUBECONFIG: path.join(tmp, 'no-kubeconfig') });
    const db = await createDatabase();
    cleanups.push(() => db.drop());
    const s3 = await startS3();
    cleanups.push(() => s3.close());
    const env = chartEnv(helm, {
      'postgres.host': db.host,
      'postgres.port': db.port,
      'postgres.user': db.user,
      'postgres.database': db.name,
      's3.url': s3.url,
      's3.accessKey': s3.accessKey,
    });
    const secrets = { PG_PASSWORD: db.password, S3_SECRET_KEY: s3.secretKey };
    await check('migration command (the hook Job\'s env) against PostgreSQL: rc 0, then "up to date"', () =>
      migrateTwice({ ...env.migrations, ...secrets }),
    );
    const port = String(await freePort());
    await check(
      "app read-only with the chart's env: live, ready, console, register, upload, download, SIGTERM mid-upload",
      () => serveAndDrain({ ...env.app, ...secrets, PORT: port, HOST: '127.0.0.1' }),
    );
    await check("V8 heap sized to the chart's 512 Mi limit, not to the host", () => heapUnderLimit());
    await check("embedded default (no database configured) under the chart's 512 Mi", async () =>
      embeddedUnderLimit(await freePort()),
    );
  }
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  finish();
}
