import request from 'supertest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import { ARTIFACT_STORE, ArtifactStore } from '../src/artifacts/artifact-store';
import { ArtifactUploadService } from '../src/artifacts/artifact-upload.service';
import { ModelArtifactRepository } from '../src/artifacts/model-artifact.repository';
import { query } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';
import { REGISTRATIONS, registerModel } from './support/model-fixtures';
import { binary, DOWNLOAD, eventually, filesUnder, UPLOAD, zipArchive } from './support/artifact-fixtures';

/**
 * After the commit an upload stands: its archive is copied to its final key outside the row lock, and
 * whatever fails there, the record always names an object that exists (HTTP, real database,
 * filesystem store).
 */
describe('uploads after the commit: the archive moves to its final key', () => {
  let t: TestApp;
  let store: ArtifactStore;
  let repository: ModelArtifactRepository;
  let artifactsDir: string;

  beforeAll(async () => {
    t = await createTestApp();
    store = t.app.get<ArtifactStore>(ARTIFACT_STORE);
    repository = t.app.get(ModelArtifactRepository);
    artifactsDir = join(t.dataDir, 'artifacts');
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const register = (modelName: string, modelVersion = '1') => registerModel(t.http, modelName, modelVersion);

  async function upload(modelName: string, bytes: Buffer): Promise<void> {
    const response = await request(t.http)
      .post(UPLOAD(modelName, '1'))
      .attach('file', bytes, 'model.zip')
      .expect(200);
    expect(response.body.modelinfo.modelId.artifactVersion).toBe('1.0.0');
  }

  async function storageKeys(modelName: string): Promise<string[]> {
    const rows = await query<{ storage_key: string }>(
      t.database.url,
      `SELECT a.storage_key FROM model_artifacts a
       JOIN model_related_informations m ON m.id = a.model_related_information_id WHERE m.model_name = $1`,
      [modelName],
    );
    return rows.map((row) => row.storage_key);
  }

  async function expectDownload(modelName: string, bytes: Buffer): Promise<void> {
    const response = await request(t.http)
      .get(DOWNLOAD(modelName, '1', '1.0.0'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(response.body as Buffer, bytes)).toBe(0);
  }

  /** Files in the store that were not there before the test (other tests leave their own). */
  let existing: string[] = [];
  beforeEach(async () => {
    existing = await filesUnder(artifactsDir);
  });
  const newFiles = async () => (await filesUnder(artifactsDir)).filter((file) => !existing.includes(file));

  it('records the final key and keeps no temporary file', async () => {
    await register('promote-ok');
    const bytes = zipArchive('promote-ok');
    await upload('promote-ok', bytes);
    expect(await storageKeys('promote-ok')).toEqual(['promote-ok/1/1.0.0/model.zip']);
    await eventually(async () => expect(await newFiles()).toEqual(['promote-ok/1/1.0.0/model.zip']));
    await expectDownload('promote-ok', bytes);
  });

  it('a copy failing after the commit: 200, served from the temporary key (kept by the sweep), moved at the next start', async () => {
    await register('promote-copy-fails');
    vi.spyOn(store, 'copy').mockRejectedValueOnce(new Error('disk went away'));
    const bytes = zipArchive('promote-copy-fails');
    await upload('promote-copy-fails', bytes);

    const [key] = await storageKeys('promote-copy-fails');
    expect(key).toMatch(/^\.incoming\/[0-9a-f-]{36}\.part$/);
    expect(await newFiles()).toEqual([key]);
    await expectDownload('promote-copy-fails', bytes);
    // Even "stale", a recorded temporary file stays.
    expect(await store.sweepIncoming?.(-1, (candidate) => repository.isRecorded(candidate))).toBe(0);
    expect(await newFiles()).toEqual([key]);

    // The next start moves it.
    await t.app.get(ArtifactUploadService).finishInterruptedUploads();
    expect(await storageKeys('promote-copy-fails')).toEqual(['promote-copy-fails/1/1.0.0/model.zip']);
    expect(await newFiles()).toEqual(['promote-copy-fails/1/1.0.0/model.zip']);
    await expectDownload('promote-copy-fails', bytes);
  });

  it('the record failing to repoint after the copy: both objects kept, the archive still downloads', async () => {
    await register('promote-repoint-fails');
    vi.spyOn(repository, 'moveStorageKey').mockRejectedValueOnce(new Error('connection reset'));
    const bytes = zipArchive('promote-repoint-fails');
    await upload('promote-repoint-fails', bytes);

    const [key] = await storageKeys('promote-repoint-fails');
    expect(key).toMatch(/^\.incoming\//);
    expect(await newFiles()).toEqual([key, 'promote-repoint-fails/1/1.0.0/model.zip'].sort());
    await expectDownload('promote-repoint-fails', bytes);
  });

  it('the registration deleted before the copy: nothing left in the store', async () => {
    const id = await register('promote-deleted-early');
    const realCopy = store.copy.bind(store);
    vi.spyOn(store, 'copy').mockImplementationOnce(async (from, to) => {
      await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
      return realCopy(from, to);
    });
    await upload('promote-deleted-early', zipArchive('promote-deleted-early'));
    await eventually(async () => expect(await newFiles()).toEqual([]));
    expect(await storageKeys('promote-deleted-early')).toEqual([]);
  });

  it('the registration deleted between the copy and the repoint: the copy is removed too', async () => {
    const id = await register('promote-deleted-late');
    const realMove = repository.moveStorageKey.bind(repository);
    vi.spyOn(repository, 'moveStorageKey').mockImplementationOnce(async (artifactId, from, to) => {
      await request(t.http).delete(`${REGISTRATIONS}/${id}`).expect(204);
      return realMove(artifactId, from, to);
    });
    await upload('promote-deleted-late', zipArchive('promote-deleted-late'));
    await eventually(async () => expect(await newFiles()).toEqual([]));
    expect(await storageKeys('promote-deleted-late')).toEqual([]);
  });

  it('never replaces an archive already at the final key: the upload stays under its temporary key', async () => {
    await register('promote-taken');
    const taken = join(artifactsDir, 'promote-taken', '1', '1.0.0', 'model.zip');
    await mkdir(dirname(taken), { recursive: true });
    await writeFile(taken, 'another upload');
    const bytes = zipArchive('promote-taken');
    await upload('promote-taken', bytes);

    const [key] = await storageKeys('promote-taken');
    expect(key).toMatch(/^\.incoming\//);
    expect(await readFile(taken, 'utf8')).toBe('another upload');
    await expectDownload('promote-taken', bytes);
  });

  it('a download that read the record just before the move looks again and is served', async () => {
    await register('promote-download-race');
    const bytes = zipArchive('promote-download-race');
    await upload('promote-download-race', bytes);
    const realFind = repository.findForDownload.bind(repository);
    vi.spyOn(repository, 'findForDownload').mockImplementationOnce(async (model, artifactVersion) => {
      const record = await realFind(model, artifactVersion);
      // As read before the move: its temporary key, now gone.
      return (
        record && Object.assign(record, { storageKey: '.incoming/00000000-0000-4000-8000-000000000000.part' })
      );
    });
    await expectDownload('promote-download-race', bytes);
  });
});
