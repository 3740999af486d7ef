import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { runMigrations } from './migration-runner';

/** Brings the schema up to date before the app serves, unless a deployment job does it (RUN_MIGRATIONS=false). */
@Injectable()
export class MigrationsOnBootService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.runMigrations) await runMigrations(this.dataSource);
  }
}
