import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { ArtifactStoreHealthIndicator } from './artifact-store.health-indicator';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }), ArtifactsModule],
  controllers: [HealthController],
  providers: [ArtifactStoreHealthIndicator],
})
export class HealthModule {}
