import { Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, MigrationExecutor } from 'typeorm';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../src/database/data-source.options';
import { runMigrations } from '../src/database/migration-runner';
import { createTestApp } from './support/test-app';
import { createTestDatabase, query, TestDatabase } from './support/test-database';
import { DISCOVERY, REGISTRATIONS } from './support/model-fixtures';

const LEGACY_SQL = join(__dirname, 'fixtures', 'legacy-schema.sql');

async function openDataSource(database: TestDatabase): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 1 })).initialize();
}

describe('migrations', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await database.drop();
  });

  it('create the schema from nothing, matching the entities exactly (no drift), in our own table', async () => {
    const dataSource = await openDataSource(database);
    try {
      expect(await runMigrations(dataSource)).toEqual(dataSource.migrations.map((m) => m.name));
      const drift = await dataSource.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
      const tables = await query<{ table_name: string }>(
        database.url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((row) => row.table_name)).toContain(MIGRATIONS_TABLE);
      expect(tables.map((row) => row.table_name)).not.toContain('migrations');
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('every migration reverts and re-applies', async () => {
    const dataSource = await openDataSource(database);
    try {
      await runMigrations(dataSource);
      const executor = new MigrationExecutor(dataSource);
      for (let i = 0; i < dataSource.migrations.length; i += 1) await executor.undoLastMigration();
      expect(await executor.getExecutedMigrations()).toEqual([]);
      await runMigrations(dataSource);
      const drift = await dataSource.driver.createSchemaBuilder().log();
      expect(drift.upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  // PGlite is one backend session behind every socket connection, so only a real server can show the lock.
  it.skipIf(!process.env.DATABASE_URL)(
    'concurrent runners apply each migration once (advisory lock)',
    async () => {
      const sources = await Promise.all([
        openDataSource(database),
        openDataSource(database),
        openDataSource(database),
      ]);
      try {
        const applied = await Promise.all(sources.map((source) => runMigrations(source)));
        expect(applied.flat().sort()).toEqual(sources[0].migrations.map((m) => m.name).sort());
        const rows = await query(database.url, `SELECT name FROM "${MIGRATIONS_TABLE}"`);
        expect(rows).toHaveLength(sources[0].migrations.length);
      } finally {
        await Promise.all(sources.map((source) => source.destroy()));
      }
    },
  );

  it('adopt the Go service database: every row kept, orphan logged and removed, cascade added', async () => {
    await query(database.url, await readFile(LEGACY_SQL, 'utf8'));
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const t = await createTestApp({ database });
    try {
      expect(warn).toHaveBeenCalledWith(
        'Removing orphaned target environment 5e1d7c11-0000-4000-8000-000000000004 (registration 0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e9999 does not exist)',
      );
      const all = await request(t.http).get(DISCOVERY).expect(200);
      expect(all.body).toEqual([
        {
          id: '0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0003',
          modelId: { modelName: 'anomaly_detector', modelVersion: '7', artifactVersion: '1.0.0' },
          description: 'Cell anomaly detection',
          modelInformation: {
            metadata: { author: 'bob', owner: '' },
            inputDataType: 'prbUsage',
            outputDataType: 'anomalyScore',
            targetEnvironment: [
              { platformName: 'kserve', environmentType: 'prod', dependencyList: 'onnxruntime=1.17' },
            ],
          },
          modelLocation: '',
        },
        {
          id: '0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0001',
          modelId: { modelName: 'qoe-predictor', modelVersion: '1', artifactVersion: '1.1.0' },
          description: 'QoE prediction',
          modelInformation: {
            metadata: { author: 'alice', owner: '' },
            inputDataType: 'pdcpBytesDl,pdcpBytesUl',
            outputDataType: 'pdcpBytesDl,pdcpBytesUl',
            targetEnvironment: [
              { platformName: 'kserve', environmentType: 'prod', dependencyList: 'tensorflow=2.15' },
              { platformName: 'edge', environmentType: 'stg', dependencyList: 'tflite' },
            ],
          },
          modelLocation: '',
        },
        {
          id: '0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0002',
          modelId: { modelName: 'qoe-predictor', modelVersion: '2', artifactVersion: '0.0.0' },
          description: 'QoE prediction v2',
          modelInformation: {
            metadata: { author: 'alice', owner: 'ran-team' },
            inputDataType: 'pdcpBytesDl,pdcpBytesUl',
            outputDataType: 'pdcpBytesDl',
            targetEnvironment: [],
          },
          modelLocation: 's3://models/qoe-predictor/2',
        },
      ]);
      expect(await query(database.url, `SELECT id FROM target_environments WHERE id LIKE '%0004'`)).toEqual(
        [],
      );
      // The Go schema had no custom metadata: every adopted registration has none.
      expect(
        await query(database.url, `SELECT DISTINCT custom_metadata FROM model_related_informations`),
      ).toEqual([{ custom_metadata: {} }]);

      await request(t.http).delete(`${REGISTRATIONS}/0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0001`).expect(204);
      expect(
        await query(
          database.url,
          `SELECT id FROM target_environments WHERE model_related_information_id = '0b0f4a52-1f7a-4f55-8d2e-6a1d8c1e0001'`,
        ),
      ).toEqual([]);
      const fk = await query(
        database.url,
        `SELECT confdeltype FROM pg_constraint WHERE conname = 'fk_target_environments_model_related_information'`,
      );
      expect(fk).toEqual([{ confdeltype: 'c' }]);
    } finally {
      await t.stop();
    }
  });
});
