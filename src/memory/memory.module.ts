import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { IdleMemoryReleaser } from './idle-memory.releaser';
import { memoryProbeProvider } from './memory-probe.provider';

@Module({
  imports: [MetricsModule],
  providers: [memoryProbeProvider, IdleMemoryReleaser],
})
export class MemoryModule {}
