import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseEndpointProvider } from './database-endpoint.provider';
import { buildDataSourceOptions } from './data-source.options';
import { MigrationsOnBootService } from './migrations-on-boot.service';

@Global()
@Module({ providers: [DatabaseEndpointProvider], exports: [DatabaseEndpointProvider] })
class DatabaseEndpointModule {}

@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DatabaseEndpointProvider],
      useFactory: async (endpoint: DatabaseEndpointProvider) => ({
        ...buildDataSourceOptions(await endpoint.resolve()),
        retryAttempts: 3,
        retryDelay: 2_000,
      }),
    }),
  ],
  providers: [MigrationsOnBootService],
})
export class DatabaseModule {}
