import type { FactoryProvider } from '@nestjs/common';
import { MEMORY_PROBE, type MemoryProbe, processMemoryProbe } from './memory-probe';

/** This process's probe; undefined (the releaser then does nothing) where V8's `gc` is unavailable. */
export const memoryProbeProvider: FactoryProvider<MemoryProbe | undefined> = {
  provide: MEMORY_PROBE,
  useFactory: processMemoryProbe,
};
