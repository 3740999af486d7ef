import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { WHOLE_ANSWER_LIMIT } from '../src/common/json-response.writer';
import { createTestApp, TestApp } from './support/test-app';
import { DISCOVERY } from './support/model-fixtures';

/**
 * Listings are read in batches and written piece by piece (issue 11): the bytes must be exactly
 * JSON.stringify of the whole answer, as when it was built in memory, for every size around the
 * batch limits (1000 registrations, 1 MiB of stored text) and around the size past which the answer
 * is streamed instead of sent whole with Content-Length.
 */

const MODEL_INFO = '/ai-ml-model-registration/v1/getModelInfo';
const BATCH_BYTES = 1024 * 1024;

interface Environment {
  platformName: string;
  environmentType: string;
  dependencyList: string;
}
interface Model {
  id: string;
  modelId: { modelName: string; modelVersion: string; artifactVersion: string };
  description: string;
  modelInformation: {
    metadata: { author: string; owner: string };
    inputDataType: string;
    outputDataType: string;
    targetEnvironment: Environment[];
  };
  modelLocation: string;
}

function model(name: string, index: number, environments: Environment[], description = 'd'): Model {
  return {
    id: randomUUID(),
    modelId: {
      modelName: name,
      modelVersion: `v${String(index).padStart(4, '0')}`,
      artifactVersion: '0.0.0',
    },
    description,
    modelInformation: {
      metadata: { author: 'a', owner: 'w' },
      inputDataType: 'i',
      outputDataType: 'o',
      targetEnvironment: environments,
    },
    modelLocation: '',
  };
}

function environments(count: number, length: number, tag = ''): Environment[] {
  return Array.from({ length: count }, (_, k) => ({
    platformName: `${tag}p${k}`.padEnd(length, 'p'),
    environmentType: `${tag}e${k}`.padEnd(length, 'e'),
    dependencyList: `${tag}d${k}`.padEnd(length, 'd'),
  }));
}

/** Registrations whose stored text is exactly `bytes` (what a batch counts): 64 joined rows each. */
function sized(name: string, count: number, bytes: number): Model[] {
  // Per row: 3 environment strings + the registration's text (a description of 1-3 bytes, a, w, i, o).
  const perRow = bytes / 64;
  const description = 'd'.repeat([1, 2, 3].find((n) => (perRow - n - 4) % 3 === 0)!);
  const length = (perRow - description.length - 4) / 3;
  return Array.from({ length: count }, (_, index) =>
    model(name, index, environments(64, length), description),
  );
}

/** Registrations whose listing is exactly `total` characters of JSON (ASCII; total > 850 KB). */
function answerOfLength(name: string, total: number): Model[] {
  const models = Array.from({ length: 4 }, (_, index) => model(name, index, environments(64, 1024)));
  const filler = model(name, 4, [], '');
  const length = JSON.stringify([...models, filler]).length;
  filler.description = 'x'.repeat(total - length);
  expect(JSON.stringify([...models, filler]).length).toBe(total);
  return [...models, filler];
}

const byKey = (a: Model, b: Model) =>
  a.modelId.modelName === b.modelId.modelName
    ? a.modelId.modelVersion < b.modelId.modelVersion
      ? -1
      : 1
    : a.modelId.modelName < b.modelId.modelName
      ? -1
      : 1;

describe('streamed listings (exact bytes)', () => {
  let t: TestApp;
  let base: string;
  const cases = new Map<string, Model[]>();

  async function insert(models: Model[]): Promise<void> {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      for (const m of models) {
        await client.query(
          `INSERT INTO model_related_informations (id, model_name, model_version, artifact_version, description,
             author, owner, input_data_type, output_data_type, model_location) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [
            m.id,
            m.modelId.modelName,
            m.modelId.modelVersion,
            m.modelId.artifactVersion,
            m.description,
            m.modelInformation.metadata.author,
            m.modelInformation.metadata.owner,
            m.modelInformation.inputDataType,
            m.modelInformation.outputDataType,
            m.modelLocation,
          ],
        );
        const list = m.modelInformation.targetEnvironment;
        if (list.length === 0) continue;
        await client.query(
          `INSERT INTO target_environments (id, model_related_information_id, platform_name, environment_type,
             dependency_list, position)
           SELECT gen_random_uuid()::text, $1, p, e, d, k - 1
           FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(p, e, d, k)`,
          [
            m.id,
            list.map((e) => e.platformName),
            list.map((e) => e.environmentType),
            list.map((e) => e.dependencyList),
          ],
        );
      }
    } finally {
      await client.end();
    }
  }

  async function get(path: string): Promise<{ status: number; headers: Headers; body: string }> {
    const answer = await fetch(`${base}${path}`);
    return { status: answer.status, headers: answer.headers, body: await answer.text() };
  }

  function expectJson(answer: { status: number; headers: Headers; body: string }, expected: string): void {
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Whole answers keep their Content-Length; only those past the limit are chunked.
    if (expected.length <= WHOLE_ANSWER_LIMIT) {
      expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
    } else {
      expect(answer.headers.get('content-length')).toBeNull();
      expect(answer.headers.get('transfer-encoding')).toBe('chunked');
    }
    expect(answer.body.length).toBe(expected.length);
    expect(answer.body === expected).toBe(true);
  }

  beforeAll(async () => {
    t = await createTestApp();
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const text = 'quote " backslash \\ newline \n tab \t é 😀 \u0001 </script>';
    cases.set('aone', [
      model('aone', 0, [{ platformName: text, environmentType: 'e', dependencyList: text }], text),
    ]);
    cases.set(
      'bsmall',
      Array.from({ length: 3 }, (_, i) => model('bsmall', i, environments(3, 8, 'ü'))),
    );
    // The count limit of a batch (1000), ±1; registrations without environments (one row each).
    for (const count of [999, 1000, 1001]) {
      cases.set(
        `count${count}`,
        Array.from({ length: count }, (_, i) => model(`count${count}`, i, [])),
      );
    }
    // The byte limit of a batch: four registrations of a quarter of it fill one exactly.
    for (const count of [3, 4, 5, 9])
      cases.set(`bytes${count}`, sized(`bytes${count}`, count, BATCH_BYTES / 4));
    // Around the size past which the answer is streamed rather than sent whole.
    cases.set('wholeat', answerOfLength('wholeat', WHOLE_ANSWER_LIMIT));
    cases.set('wholeover', answerOfLength('wholeover', WHOLE_ANSWER_LIMIT + 1));
    for (const models of cases.values()) await insert(models);
  }, 300_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  it('discovery by name and getModelInfo give exactly the JSON of the whole list, for every size', async () => {
    for (const [name, models] of [['nothing', []] as [string, Model[]], ...cases]) {
      const list = JSON.stringify(models);
      expectJson(await get(`${DISCOVERY}?model-name=${name}`), list);
      const info = JSON.stringify({ code: 200, message: { name, data: list } });
      expectJson(await get(`${MODEL_INFO}/${name}`), info);
    }
  }, 120_000);

  it('discovery of everything and by name and version are exact; a missing name+version is still 404', async () => {
    const all = [...cases.values()].flat().sort(byKey);
    expectJson(await get(DISCOVERY), JSON.stringify(all));
    const [one] = cases.get('bytes5')!.slice(4);
    expectJson(
      await get(`${DISCOVERY}?model-name=bytes5&model-version=${one.modelId.modelVersion}`),
      JSON.stringify([one]),
    );
    const missing = await get(`${DISCOVERY}?model-name=bytes5&model-version=v9999`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  }, 120_000);

  it('pages are exact, across batch limits, with their Link header', async () => {
    for (const [name, size] of [
      ['count1001', 300],
      ['bytes9', 4],
      ['bytes5', 5],
    ] as const) {
      const models = cases.get(name)!;
      let path: string | undefined = `${DISCOVERY}?model-name=${name}&page-size=${size}`;
      let offset = 0;
      while (path) {
        const answer = await get(path);
        expectJson(answer, JSON.stringify(models.slice(offset, offset + size)));
        offset += size;
        const link = answer.headers.get('link');
        if (offset < models.length) {
          expect(link).toMatch(
            new RegExp(
              `^<${DISCOVERY}\\?model-name=${name}&page-size=${size}&page-token=[A-Za-z0-9_-]+>; rel="next"$`,
            ),
          );
          path = /^<([^>]+)>/.exec(link!)![1];
        } else {
          expect(link).toBeNull();
          path = undefined;
        }
      }
      expect(offset).toBeGreaterThanOrEqual(models.length);
    }
  }, 120_000);

  it('a client that goes away stops the listing: no further batch is read', async () => {
    await insert(sized('zlarge', 40, BATCH_BYTES / 2));
    const batches = vi.spyOn(pg.Client.prototype, 'query');
    const countBatches = () => batches.mock.calls.filter(([sql]) => isBatch(sql)).length;
    // The whole listing: 40 registrations, two per batch.
    expect((await get(`${DISCOVERY}?model-name=zlarge`)).status).toBe(200);
    expect(countBatches()).toBe(20);
    batches.mockClear();

    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${base}${DISCOVERY}?model-name=zlarge`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });
    const atAbort = countBatches();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(countBatches()).toBeLessThan(20);
    expect(countBatches()).toBeLessThanOrEqual(atAbort + 2);
    batches.mockRestore();
    // The service is free for the next request.
    expect((await get(`${DISCOVERY}?model-name=aone`)).status).toBe(200);
  }, 120_000);

  it('the database lost after the status was sent: the answer is cut (never a complete-looking body) and logged', async () => {
    const original = pg.Client.prototype.query;
    let batches = 0;
    function failFifthBatch(this: pg.Client, ...args: unknown[]): unknown {
      if (isBatch(args[0]) && ++batches === 5) {
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    }
    const failing = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(failFifthBatch);
    const logged = vi.spyOn(Logger.prototype, 'error');
    try {
      const outcome = await new Promise<{ status: number; bytes: number; error?: string }>((resolve) => {
        const req = httpRequest(`${base}${DISCOVERY}?model-name=zlarge`, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ status: res.statusCode!, bytes }));
          res.on('error', (error) => resolve({ status: res.statusCode!, bytes, error: error.message }));
        });
        req.end();
      });
      expect(outcome.status).toBe(200);
      expect(outcome.error).toBe('aborted');
      expect(logged).toHaveBeenCalledWith(
        'Answer cut after its status was sent: Connection terminated unexpectedly',
        expect.any(String),
      );
    } finally {
      failing.mockRestore();
      logged.mockRestore();
    }
    expect((await get(`${DISCOVERY}?model-name=aone`)).status).toBe(200);
  }, 120_000);
});

/** A listing batch, as the repository sends it to pg (a named statement: a config object). */
function isBatch(query: unknown): boolean {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' && text.includes('WITH candidates');
}
