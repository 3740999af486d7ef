import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ChildExit, childServiceFixture, startChildService } from './support/child-service';
import { RawAnswer, send, slowUpload, SlowUpload } from './support/child-http';
import { DISCOVERY, REGISTRATIONS, registrationBody } from './support/model-fixtures';
import { query } from './support/test-database';

/**
 * SIGTERM while uploads are streaming and registrations are being written: the built service
 * (`node dist/main.js`, as in the image) stops accepting connections, lets the requests it had
 * already started finish, closes its pool and exits. Whatever it acknowledged is committed; whatever
 * it did not leaves nothing behind (no row, no version bump, no file).
 */

const UPLOAD = '/ai-ml-model-registration/v1/uploadModel';
/** ~192 KiB in 16 KiB pieces every 100 ms: each upload streams for about 1.2 s. */
const SLOW = { size: 192 * 1024, chunkBytes: 16 * 1024, pauseMs: 100 };
const EXIT_WITHIN_MS = 10_000;

interface Attempt {
  readonly name: string;
  readonly answer: RawAnswer;
}

describe('SIGTERM during uploads and writes', () => {
  const f = childServiceFixture('mms-shutdown-');

  it('drains in-flight requests, commits what it acknowledged, leaves nothing of the rest and exits', async () => {
    f.service = await startChildService({
      ...f.env(),
    });
    const { base } = f.service;

    // Models to upload to: m0 gets two concurrent uploads, m1..m3 one each, m4 only a cut one.
    const models = ['m0', 'm1', 'm2', 'm3', 'm4'].map((suffix) => ({
      name: `shutdown-${suffix}`,
      version: '1',
    }));
    for (const model of models) {
      const answer = await send(
        base,
        'POST',
        REGISTRATIONS,
        json(registrationBody({ modelName: model.name, modelVersion: model.version })),
      );
      expect(answer.status, answer.body).toBe(201);
    }

    // A keep-alive connection that sits idle across the SIGTERM: it must not keep the process alive.
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(base, 'GET', '/health/live', { agent: idleAgent })).status).toBe(200);
    const idleSocketClosed = new Promise<number>((resolve) => {
      const sockets = Object.values(idleAgent.freeSockets).flat();
      if (sockets.length === 0) resolve(-1);
      else sockets[0]!.once('close', () => resolve(Date.now()));
    });

    const uploadPath = (model: { name: string; version: string }) =>
      `${UPLOAD}/${model.name}/${model.version}`;
    const drained: Array<{ model: (typeof models)[number]; upload: SlowUpload }> = [
      { model: models[0], upload: slowUpload(base, uploadPath(models[0]), SLOW) },
      { model: models[0], upload: slowUpload(base, uploadPath(models[0]), SLOW) },
      { model: models[1], upload: slowUpload(base, uploadPath(models[1]), SLOW) },
      { model: models[2], upload: slowUpload(base, uploadPath(models[2]), SLOW) },
      { model: models[3], upload: slowUpload(base, uploadPath(models[3]), SLOW) },
    ];
    const cut = slowUpload(base, uploadPath(models[4]), SLOW);

    // Let the uploads get going (headers parsed, registration looked up, bytes streaming).
    await sleep(350);

    // A burst of registrations on a keep-alive pool, some still queued in the agent when SIGTERM lands.
    const burstAgent = new Agent({ keepAlive: true, maxSockets: 8 });
    const burstNames = Array.from({ length: 30 }, (_, i) => `shutdown-burst-${i}`);
    const burst: Array<Promise<Attempt>> = burstNames.map(async (name) => ({
      name,
      answer: await send(base, 'POST', REGISTRATIONS, {
        ...json(registrationBody({ modelName: name, modelVersion: '1' })),
        agent: burstAgent,
      }),
    }));
    await Promise.race([...burst, sleep(300)]);

    const sigtermAt = Date.now();
    f.service.process.kill('SIGTERM');

    // After SIGTERM: a new connection (upload and registration) must not be half-served.
    await sleep(100);
    const lateUpload = slowUpload(base, uploadPath(models[4]), { size: 4096, chunkBytes: 4096, pauseMs: 1 });
    const lateRegistration: Promise<Attempt> = send(
      base,
      'POST',
      REGISTRATIONS,
      json(registrationBody({ modelName: 'shutdown-late', modelVersion: '1' })),
    ).then((answer) => ({ name: 'shutdown-late', answer }));
    // A client that gives up mid-body after SIGTERM.
    await sleep(200);
    cut.cut();

    const exit = await Promise.race([f.service.exited, sleep(EXIT_WITHIN_MS + 5_000).then(() => undefined)]);
    const drainedAnswers = await Promise.all(drained.map(({ upload }) => upload.done));
    const burstAnswers = await Promise.all(burst);
    const late = await lateRegistration;
    const lateUploadAnswer = await lateUpload.done;
    const cutAnswer = await cut.done;
    const idleClosedAt = await Promise.race([idleSocketClosed, sleep(100).then(() => 0)]);
    idleAgent.destroy();
    burstAgent.destroy();

    // Evidence for the report, whatever the assertions below say.
    const evidence = {
      exit: exit && { code: exit.code, signal: exit.signal, afterSigtermMs: exit.at - sigtermAt },
      drainedUploads: drainedAnswers.map((a) => ({
        status: a.status,
        error: a.error,
        afterSigtermMs: a.at - sigtermAt,
        connection: a.headers.connection,
      })),
      burst: countBy(burstAnswers.map(({ answer }) => String(answer.status || answer.error))),
      burstAfterSigtermMs: burstAnswers
        .filter(({ answer }) => answer.status)
        .map(({ answer }) => answer.at - sigtermAt),
      burstConnectionHeaders: countBy(
        burstAnswers
          .filter(({ answer }) => answer.status)
          .map(({ answer }) => String(answer.headers.connection)),
      ),
      late: { status: late.answer.status, error: late.answer.error },
      lateUpload: { status: lateUploadAnswer.status, error: lateUploadAnswer.error },
      cut: { status: cutAnswer.status, error: cutAnswer.error },
      idleKeepAliveClosedAfterSigtermMs: idleClosedAt > 0 ? idleClosedAt - sigtermAt : idleClosedAt,
    };
    console.info(`shutdown evidence: ${JSON.stringify(evidence)}`);

    // 1. The process ends by itself, cleanly, within the grace period.
    expect(exit, `no exit within ${EXIT_WITHIN_MS} ms of SIGTERM\n${f.service.output()}`).toBeDefined();
    expect(exit!.at - sigtermAt).toBeLessThan(EXIT_WITHIN_MS);
    expect(cleanExit(exit!), `exit ${JSON.stringify(exit)}\n${f.service.output()}`).toBe(true);
    expect(f.service.output()).not.toMatch(/"level":(50|60)/);

    // 2. Uploads that were streaming when SIGTERM came were finished, not dropped.
    for (const answer of drainedAnswers) expect(answer.status, JSON.stringify(answer)).toBe(200);
    expect(cutAnswer.status).toBe(0);
    // Nothing answered 5xx.
    for (const { answer } of [...burstAnswers, late]) expect(answer.status).toBeLessThan(500);
    expect(lateUploadAnswer.status).toBeLessThan(500);

    // 3. Every acknowledged registration is committed; every unanswered one left no row.
    const rows = await query<{ id: string; model_name: string; artifact_version: string }>(
      f.database.url,
      'SELECT id, model_name, artifact_version FROM model_related_informations',
    );
    const rowByName = new Map(rows.map((row) => [row.model_name, row]));
    for (const { name, answer } of [...burstAnswers, late]) {
      if (answer.status === 201) {
        const id = (JSON.parse(answer.body) as { modelInfo: { id: string } }).modelInfo.id;
        expect(rowByName.get(name)?.id, `acknowledged ${name} is not committed`).toBe(id);
      } else {
        expect(
          rowByName.has(name),
          `unacknowledged ${name} (${answer.status || answer.error}) left a row`,
        ).toBe(false);
      }
    }

    // 4. Artifact records are exactly the acknowledged uploads; versions were bumped only for those.
    const acknowledged = [
      ...drained.map(({ model, upload }, i) => ({ model, upload, answer: drainedAnswers[i] })),
      { model: models[4], upload: lateUpload, answer: lateUploadAnswer },
      { model: models[4], upload: cut, answer: cutAnswer },
    ].filter(({ answer }) => answer.status === 200);
    const artifacts = await query<{
      model_name: string;
      artifact_version: string;
      sha256: string;
      storage_key: string;
    }>(
      f.database.url,
      `SELECT m.model_name, a.artifact_version, a.sha256, a.storage_key
       FROM model_artifacts a JOIN model_related_informations m ON m.id = a.model_related_information_id`,
    );
    expect(
      artifacts.map((a) => `${a.model_name} ${a.sha256}`).sort(),
      'model_artifacts rows are not exactly the acknowledged uploads',
    ).toEqual(acknowledged.map(({ model, upload }) => `${model.name} ${upload.sha256}`).sort());
    for (const { upload, answer } of acknowledged) {
      const version = (JSON.parse(answer.body) as { modelinfo: { modelId: { artifactVersion: string } } })
        .modelinfo.modelId.artifactVersion;
      expect(artifacts.find((a) => a.sha256 === upload.sha256)?.artifact_version).toBe(version);
    }
    for (const model of models) {
      const uploads = acknowledged.filter((a) => a.model === model).length;
      const expectedVersion = uploads === 0 ? '0.0.0' : `1.${uploads - 1}.0`;
      expect(
        rowByName.get(model.name)?.artifact_version,
        `${model.name} after ${uploads} acknowledged uploads`,
      ).toBe(expectedVersion);
    }

    // 5. Files: one per record, no leftover of a cut or refused upload (not even in .incoming/).
    const root = join(f.dataDir, 'artifacts');
    const files = (await listFiles(root)).map((path) => relative(root, path).split(sep).join('/')).sort();
    expect(files).toEqual(artifacts.map((a) => a.storage_key).sort());

    // 6. And the acknowledged state is what a restarted service serves.
    f.service = await startChildService({
      ...f.env(),
    });
    for (const { model } of acknowledged) {
      const answer = await send(
        f.service.base,
        'GET',
        `${DISCOVERY}?model-name=${model.name}&model-version=${model.version}`,
      );
      expect(answer.status).toBe(200);
    }
    f.service.process.kill('SIGTERM');
    expect(cleanExit(await f.service.exited)).toBe(true);
  }, 60_000);

  /**
   * A response to a request in flight at SIGTERM says `Connection: close` and idle sockets are swept,
   * so a client that keeps reusing its keep-alive connection cannot hold the process open until SIGKILL.
   */
  it('exits although a client keeps reusing a keep-alive connection that was busy at SIGTERM', async () => {
    await f.service?.kill();
    const ownDataDir = await mkdtemp(join(tmpdir(), 'mms-shutdown-keepalive-'));
    f.service = await startChildService({
      DATABASE_URL: f.database.url,
      DB_POOL_SIZE: String(f.database.poolSize),
      DATA_DIR: ownDataDir,
    });
    const { base } = f.service;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send(base, 'GET', '/health/live', { agent })).status).toBe(200);
      // A registration whose last byte arrives 800 ms after SIGTERM, on the pooled connection.
      const body = Buffer.from(
        JSON.stringify(registrationBody({ modelName: 'shutdown-keepalive', modelVersion: '1' })),
      );
      const inFlight = new Promise<RawAnswer>((resolve) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: f.service!.port,
            method: 'POST',
            path: REGISTRATIONS,
            agent,
            headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, at: Date.now() }),
            );
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ status: 0, headers: {}, body: '', error: error.code, at: Date.now() }),
        );
        req.write(body.subarray(0, body.length - 1));
        setTimeout(() => req.end(body.subarray(body.length - 1)), 1_000);
      });
      await sleep(200);
      const sigtermAt = Date.now();
      f.service.process.kill('SIGTERM');
      const answer = await inFlight;
      expect(answer.status, answer.body).toBe(201);

      // The client keeps using its pool, as an HTTP client library or a proxy does.
      let exit: ChildExit | undefined;
      void f.service.exited.then((value) => (exit = value));
      const reused: string[] = [];
      // Fixed, the process is gone about as soon as the in-flight answer is out; 3 s is ample.
      while (!exit && Date.now() - answer.at < 3_000) {
        const next = await send(base, 'GET', '/health/live', { agent });
        reused.push(String(next.status || next.error));
        await sleep(250);
      }
      console.info(
        `keep-alive reuse after SIGTERM: in-flight answer ${answer.status} Connection: ${String(answer.headers.connection)}; ` +
          `later requests on the pool: ${JSON.stringify(countBy(reused))}; exit ${exit ? `${exit.at - sigtermAt} ms after SIGTERM` : 'none 3 s after the last in-flight answer'}`,
      );
      expect(
        exit,
        'still running 7 s after SIGTERM while a client reuses its keep-alive connection',
      ).toBeDefined();
      expect(cleanExit(exit!)).toBe(true);
    } finally {
      agent.destroy();
      await f.service.kill();
      await rm(ownDataDir, { recursive: true, force: true });
    }
  }, 30_000);
});

/**
 * main.ts closes the app on SIGTERM (shutdown hooks included) and then exits 0; an error during
 * shutdown is exit code 1. (Nest's own enableShutdownHooks would re-raise the signal instead, which
 * reports a clean drain as "killed by SIGTERM", status 143.)
 */
function cleanExit(exit: ChildExit): boolean {
  return exit.code === 0 && exit.signal === null;
}

function json(body: unknown): { body: Buffer; headers: Record<string, string> } {
  return { body: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json' } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function listFiles(directory: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else files.push(path);
  }
  return files;
}
