import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { IdleMemoryReleaser, MEMORY_PROBE, processMemoryProbe } from './idle-memory.releaser';

@Module({
  imports: [MetricsModule],
  providers: [{ provide: MEMORY_PROBE, useFactory: processMemoryProbe }, IdleMemoryReleaser],
})
export class MemoryModule {}
