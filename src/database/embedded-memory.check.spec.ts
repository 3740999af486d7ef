import { loadAppConfig } from '../config/app-config';
import { cgroupMemoryLimit, checkEmbeddedMemory, EMBEDDED_MEMORY_BYTES } from './embedded-memory.check';

const MIB = 1024 ** 2;

describe('checkEmbeddedMemory', () => {
  const embedded = loadAppConfig({ DATA_DIR: '/tmp/data' });
  const postgres = loadAppConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' });

  it('refuses the embedded store under a smaller limit, in one line', () => {
    expect(checkEmbeddedMemory(embedded, 512 * MIB)).toBe(
      'The embedded store needs about 768 MiB of memory and this container is limited to 512 MiB: ' +
        'configure PostgreSQL (DATABASE_URL or PG_HOST) or raise the memory limit',
    );
  });

  it('accepts enough memory, no limit, or PostgreSQL', () => {
    expect(checkEmbeddedMemory(embedded, EMBEDDED_MEMORY_BYTES)).toBeUndefined();
    expect(checkEmbeddedMemory(embedded, undefined)).toBeUndefined();
    expect(checkEmbeddedMemory(postgres, 256 * MIB)).toBeUndefined();
  });
});

describe('cgroupMemoryLimit', () => {
  const files = (contents: Record<string, string>) => (path: string) => {
    if (!(path in contents)) throw new Error(`ENOENT ${path}`);
    return contents[path];
  };

  it('reads cgroup v2, then v1; "max" and v1 "unlimited" mean none', () => {
    expect(cgroupMemoryLimit(files({ '/sys/fs/cgroup/memory.max': '536870912\n' }))).toBe(512 * MIB);
    expect(cgroupMemoryLimit(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
    expect(cgroupMemoryLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '536870912\n' }))).toBe(
      512 * MIB,
    );
    expect(
      cgroupMemoryLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712\n' })),
    ).toBeUndefined();
    expect(cgroupMemoryLimit(files({}))).toBeUndefined();
  });
});
