import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { vi } from 'vitest';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registrationBody } from './support/model-fixtures';
import { startS3Server, TestS3Server } from './support/s3-server';
import {
  binary,
  DOWNLOAD,
  eventually,
  filesUnder,
  loggedLines,
  problemBody,
  UPLOAD,
  uploadSnapshot,
  zipArchive,
  zipLike,
} from './support/artifact-fixtures';

const run = promisify(execFile);

describe('damaged archives and planted links on the filesystem store (HTTP, real database)', () => {
  let t: TestApp;
  const snapshot = (modelName: string) =>
    uploadSnapshot(t.database.url, join(t.dataDir, 'artifacts'), modelName);
  let artifactsDir: string;
  let outside: string;

  beforeAll(async () => {
    t = await createTestApp();
    artifactsDir = join(t.dataDir, 'artifacts');
    outside = await mkdtemp(join(tmpdir(), 'mms-outside-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(outside, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function uploaded(modelName: string, archive: Buffer): Promise<void> {
    await request(t.http).post(REGISTRATIONS).send(registrationBody({ modelName })).expect(201);
    await request(t.http).post(UPLOAD(modelName, '1')).attach('file', archive, 'model.zip').expect(200);
  }

  it('a truncated archive: GET, Range and HEAD answer 500 at once, one error line naming it', async () => {
    const archive = zipLike('truncated', 300_000);
    await uploaded('dmg-truncated', archive);
    await truncate(join(artifactsDir, 'dmg-truncated', '1', '1.0.0', 'model.zip'), 100_000);
    const path = DOWNLOAD('dmg-truncated', '1', '1.0.0');
    const expected = problemBody(
      500,
      'Internal Server Error',
      'The archive of model dmg-truncated version 1 artifact version 1.0.0 is damaged in the store ' +
        '(300000 bytes recorded, 100000 stored); it cannot be served',
      path,
    );
    const error = vi.spyOn(Logger.prototype, 'error');
    const started = Date.now();
    const full = await request(t.http).get(path).expect(500);
    expect(full.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(full.body).toEqual(expected);
    const ranged = await request(t.http).get(path).set('Range', 'bytes=200000-200099').expect(500);
    expect(ranged.body).toEqual(expected);
    const head = await request(t.http).head(path).expect(500);
    expect(head.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Date.now() - started).toBeLessThan(2_000);
    const lines = loggedLines(error, 'dmg-truncated');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'Archive dmg-truncated 1 1.0.0 (dmg-truncated/1/1.0.0/model.zip) holds 100000 bytes, 300000 recorded: not served',
    );
  });

  it('an archive that grew: 500 too, not a body cut at the recorded length', async () => {
    await uploaded('dmg-grown', zipLike('grown', 10_000));
    await writeFile(join(artifactsDir, 'dmg-grown', '1', '1.0.0', 'model.zip'), Buffer.alloc(1), {
      flag: 'a',
    });
    const response = await request(t.http)
      .get(DOWNLOAD('dmg-grown', '1', '1.0.0'))
      .expect(500);
    expect(response.body.detail).toBe(
      'The archive of model dmg-grown version 1 artifact version 1.0.0 is damaged in the store ' +
        '(10000 bytes recorded, 10001 stored); it cannot be served',
    );
  });

  it('an archive replaced by a link: refused (500, logged), the link target never served', async () => {
    const archive = zipLike('linked-file', 5_000);
    await uploaded('lnk-file', archive);
    const secret = join(outside, 'secret.zip');
    await writeFile(secret, archive); // same size: only the link gives it away
    const file = join(artifactsDir, 'lnk-file', '1', '1.0.0', 'model.zip');
    await rm(file);
    await symlink(secret, file);
    const error = vi.spyOn(Logger.prototype, 'error');
    const path = DOWNLOAD('lnk-file', '1', '1.0.0');
    const expected = problemBody(
      500,
      'Internal Server Error',
      'The archive of model lnk-file version 1 artifact version 1.0.0 is not a regular file in the store ' +
        '(a symbolic link); it cannot be served',
      path,
    );
    expect((await request(t.http).get(path).expect(500)).body).toEqual(expected);
    await request(t.http).head(path).expect(500);
    await request(t.http).get(path).set('Range', 'bytes=0-9').expect(500);
    expect(loggedLines(error, 'symbolic link')[0]).toBe(
      'Archive lnk-file 1 1.0.0 (lnk-file/1/1.0.0/model.zip) is behind a symbolic link in the store: not served',
    );
  });

  it('a linked folder on the way to an archive: refused, the target not served', async () => {
    const archive = zipLike('linked-dir', 5_000);
    await uploaded('lnk-dir', archive);
    const elsewhere = join(outside, 'lnk-dir-1');
    await run('cp', ['-r', join(artifactsDir, 'lnk-dir', '1'), elsewhere]);
    await rm(join(artifactsDir, 'lnk-dir', '1'), { recursive: true });
    await symlink(elsewhere, join(artifactsDir, 'lnk-dir', '1'));
    const response = await request(t.http)
      .get(DOWNLOAD('lnk-dir', '1', '1.0.0'))
      .buffer(true)
      .parse(binary)
      .expect(500);
    expect(JSON.parse((response.body as Buffer).toString())).toEqual(
      problemBody(
        500,
        'Internal Server Error',
        'The archive of model lnk-dir version 1 artifact version 1.0.0 is not a regular file in the store ' +
          '(a symbolic link); it cannot be served',
        DOWNLOAD('lnk-dir', '1', '1.0.0'),
      ),
    );
  });

  it('an upload into a linked model folder: fails cleanly (500, logged), nothing written through the link', async () => {
    await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 'lnk-upload' }))
      .expect(201);
    const target = join(outside, 'lnk-upload');
    await mkdir(target);
    await symlink(target, join(artifactsDir, 'lnk-upload'));
    const before = await snapshot('lnk-upload');
    const error = vi.spyOn(Logger.prototype, 'error');
    const response = await request(t.http)
      .post(UPLOAD('lnk-upload', '1'))
      .attach('file', zipArchive('through-the-link'), 'model.zip')
      .expect(500);
    expect(response.body).toEqual(
      problemBody(
        500,
        'Internal Server Error',
        'The artifact store holds a symbolic link where the archives of model lnk-upload version 1 go; the upload was not stored',
        UPLOAD('lnk-upload', '1'),
      ),
    );
    await eventually(async () => expect(await snapshot('lnk-upload')).toEqual(before));
    expect(await filesUnder(target)).toEqual([]);
    expect(await readdir(join(artifactsDir, '.incoming'))).toEqual([]);
    expect(loggedLines(error, 'symbolic link')).toEqual([
      'Upload to lnk-upload 1 refused: the artifact store holds a symbolic link at lnk-upload',
    ]);
  });
});

describe('a damaged object on S3 (s3rver, real database)', () => {
  let s3: TestS3Server;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await createTestApp({ env: s3.env() });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it("an object shorter than its record: GET, Range and HEAD answer 500 (the object's length against the record)", async () => {
    const archive = zipLike('s3-truncated', 200_000);
    await request(t.http)
      .post(REGISTRATIONS)
      .send(registrationBody({ modelName: 's3-dmg' }))
      .expect(201);
    await request(t.http).post(UPLOAD('s3-dmg', '1')).attach('file', archive, 'model.zip').expect(200);
    await s3.putObject('s3-dmg', 's3-dmg_1_1.0.0_model.zip', archive.subarray(0, 50_000));
    const path = DOWNLOAD('s3-dmg', '1', '1.0.0');
    const expected = problemBody(
      500,
      'Internal Server Error',
      'The archive of model s3-dmg version 1 artifact version 1.0.0 is damaged in the store ' +
        '(200000 bytes recorded, 50000 stored); it cannot be served',
      path,
    );
    expect((await request(t.http).get(path).expect(500)).body).toEqual(expected);
    expect((await request(t.http).get(path).set('Range', 'bytes=100-199').expect(500)).body).toEqual(
      expected,
    );
    await request(t.http).head(path).expect(500);
  });
});
