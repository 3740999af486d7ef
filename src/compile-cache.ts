import { enableCompileCache } from 'node:module';

// Imported first by main.ts: loading ~1,500 modules is most of the start-up, and with V8's code
// cache on disk (NODE_COMPILE_CACHE, else the OS temporary directory) later starts skip compiling
// them. A cache that cannot be written is ignored.
enableCompileCache();
