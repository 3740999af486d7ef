import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { DatabaseEndpoint } from './data-source.options';
import { EmbeddedDatabase } from './embedded-database';

/** Where the database is: the configured PostgreSQL server, or the embedded store started here. */
@Injectable()
export class DatabaseEndpointProvider implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseEndpointProvider.name);
  private embedded?: EmbeddedDatabase;
  private endpoint?: DatabaseEndpoint;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async resolve(): Promise<DatabaseEndpoint> {
    if (this.endpoint) return this.endpoint;
    const { database } = this.config;
    if (database.kind === 'postgres') {
      this.endpoint = { url: database.url, poolSize: database.poolSize };
    } else {
      const { host, port } = this.config.http;
      this.embedded = await EmbeddedDatabase.start(database.dataDir, `serving HTTP on ${host}:${port}`);
      this.logger.log(
        `No database configured: using the embedded store in ${database.dataDir}, ` +
          `served to this user only on a Unix socket in ${this.embedded.socketDir}`,
      );
      this.endpoint = { url: this.embedded.url, poolSize: 1 };
    }
    return this.endpoint;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    // The pool must be closed before the embedded server it talks to goes away.
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    if (dataSource.isInitialized) await dataSource.destroy();
    await this.embedded.stop();
    this.embedded = undefined;
  }
}
