import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import request from 'supertest';
import { vi } from 'vitest';
import { ARTIFACT_STORE, ArtifactStore } from '../src/artifacts/artifact-store';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';
import {
  eventually,
  loggedLines,
  problemBody,
  UPLOAD,
  uploadSnapshot,
  zipArchive,
  zipLike,
} from './support/artifact-fixtures';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('disk full during an upload (a real tmpfs; needs root to mount it)', () => {
  let t: TestApp;
  const snapshot = (modelName: string) =>
    uploadSnapshot(t.database.url, join(t.dataDir, 'artifacts'), modelName);
  let dataDir: string;
  let mounted = false;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mms-full-'));
    await mkdir(join(dataDir, 'artifacts'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', join(dataDir, 'artifacts')]);
    mounted = true;
    t = await createTestApp({ dataDir, env: { MAX_UPLOAD_BYTES: String(64 * 1024 * 1024) } });
  });
  afterAll(async () => {
    await t?.stop();
    if (mounted) await run('umount', [join(dataDir, 'artifacts')]);
    await t?.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('ENOSPC: 507 problem details, one warning naming the cause, nothing left; the next upload that fits works', async () => {
    await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'full-disk' }))
      .expect(201);
    const before = await snapshot('full-disk');
    expect(before).toEqual({ model: { artifact_version: '0.0.0', records: '0' }, files: [] });
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const error = vi.spyOn(Logger.prototype, 'error');

    const response = await request(t.http)
      .post(UPLOAD('full-disk', '1'))
      .attach('file', zipLike('too-big-for-the-disk', 12 * 1024 * 1024), 'model.zip')
      .expect(507);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(
      problemBody(
        507,
        'Insufficient Storage',
        'The artifact store has no space left for this upload (ENOSPC); it was not stored',
        UPLOAD('full-disk', '1'),
      ),
    );
    await eventually(async () => expect(await snapshot('full-disk')).toEqual(before));
    expect(await readdir(join(t.dataDir, 'artifacts', '.incoming'))).toEqual([]);
    expect(loggedLines(warn, 'no space')).toEqual([
      'Upload to full-disk 1 refused: the artifact store has no space left (ENOSPC)',
    ]);
    expect(error).not.toHaveBeenCalled();

    const fits = await request(t.http)
      .post(UPLOAD('full-disk', '1'))
      .attach('file', zipLike('fits', 1024 * 1024), 'model.zip')
      .expect(200);
    expect(fits.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
  });

  it('EDQUOT (a quota, not a full disk): the same 507', async () => {
    await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'quota' }))
      .expect(201);
    const store = t.app.get<ArtifactStore>(ARTIFACT_STORE);
    vi.spyOn(store, 'put').mockImplementationOnce(async (_key: string, body: Readable) => {
      body.resume();
      throw Object.assign(new Error('EDQUOT: disk quota exceeded, write'), { code: 'EDQUOT' });
    });
    const before = await snapshot('quota');
    const response = await request(t.http)
      .post(UPLOAD('quota', '1'))
      .attach('file', zipArchive('quota'), 'model.zip')
      .expect(507);
    expect(response.body).toEqual(
      problemBody(
        507,
        'Insufficient Storage',
        'The artifact store has no space left for this upload (EDQUOT); it was not stored',
        UPLOAD('quota', '1'),
      ),
    );
    await eventually(async () => expect(await snapshot('quota')).toEqual(before));
  });
});
