import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from './src/config/app-config';
import { buildDataSourceOptions } from './src/database/data-source.options';

// The TypeORM CLI's data source (`npm run migration:revert|generate`); needs DATABASE_URL or PG_*.
const config = loadAppConfig(process.env);
if (config.database.kind !== 'postgres') {
  throw new Error('The TypeORM CLI needs a PostgreSQL server: set DATABASE_URL');
}

export default new DataSource(buildDataSourceOptions({ url: config.database.url, poolSize: 1 }));
