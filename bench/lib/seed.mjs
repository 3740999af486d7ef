// The benchmark's data: N registrations with three target environments each, seeded through a server's
// own API (so the Go service gets its own rows in its own schema), and their removal by name pattern.
import { call, REG } from './http.mjs';

export function registration(modelName, modelVersion) {
  return {
    modelId: { modelName, modelVersion },
    description: 'Benchmark model for throughput measurements',
    modelInformation: {
      metadata: { author: 'bench', owner: 'perf-team' },
      inputDataType: 'pdcpBytesDl,pdcpBytesUl',
      outputDataType: 'pdcpBytesDl,pdcpBytesUl',
      targetEnvironment: [
        { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' },
        { platformName: 'kserve', environmentType: 'staging', dependencyList: 'tensorflow=2.15' },
        { platformName: 'onnx', environmentType: 'edge', dependencyList: 'onnxruntime=1.18' },
      ],
    },
    modelLocation: '',
  };
}

/** Seed i → (name, version): N/4 names with 4 versions each, so "by name" returns 4 rows. */
export function seedKey(i, n) {
  const names = Math.max(1, Math.floor(n / 4));
  return { name: `bench-model-${i % names}`, version: String(Math.floor(i / names) + 1) };
}

/** POSTs the N registrations, `concurrency` in flight; resolves to their ids by seed index. */
export async function seedThroughApi(base, n, concurrency = 16) {
  const ids = new Array(n);
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const { name, version } = seedKey(i, n);
      const response = await call(base, 'POST', REG, registration(name, version));
      if (response.status !== 201)
        throw new Error(`seeding ${name}/${version}: ${response.status} ${response.text}`);
      ids[i] = response.json.modelInfo.id;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/**
 * Deletes the registrations whose name matches a LIKE pattern, target environments first: the Go
 * service's schema has no foreign key to cascade. Then refreshes the planner's statistics.
 */
export async function purgeRegistrations(db, pattern) {
  await db.query(
    `DELETE FROM target_environments WHERE model_related_information_id IN
       (SELECT id FROM model_related_informations WHERE model_name LIKE $1)`,
    [pattern],
  );
  await db.query('DELETE FROM model_related_informations WHERE model_name LIKE $1', [pattern]);
  await db.query('VACUUM ANALYZE model_related_informations, target_environments');
}
