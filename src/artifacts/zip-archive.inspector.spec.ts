import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeException, UnsupportedMediaException } from '../common/domain.exception';
import { ZipArchiveInspector } from './zip-archive.inspector';

async function inspect(
  chunks: Buffer[],
  maxBytes = 1024,
): Promise<{ result: ZipArchiveInspector['result']; passed: Buffer }> {
  const inspector = new ZipArchiveInspector(maxBytes);
  const passed: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      passed.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(chunks), inspector, sink);
  return { result: inspector.result, passed: Buffer.concat(passed) };
}

describe('ZipArchiveInspector', () => {
  it('passes a ZIP through unchanged and reports its size and SHA-256, whatever the chunking', async () => {
    const bytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(300, 1)]);
    const { result, passed } = await inspect([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]);
    expect(passed.equals(bytes)).toBe(true);
    expect(result).toEqual({
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('accepts an empty archive (end-of-central-directory signature)', async () => {
    const empty = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    expect((await inspect([empty])).result.sizeBytes).toBe(22);
  });

  it('rejects other content, and content too short to be a ZIP, with 415', async () => {
    await expect(inspect([Buffer.from('%PDF-1.7')])).rejects.toBeInstanceOf(UnsupportedMediaException);
    await expect(inspect([Buffer.from('PK')])).rejects.toBeInstanceOf(UnsupportedMediaException);
    await expect(inspect([])).rejects.toBeInstanceOf(UnsupportedMediaException);
  });

  it('rejects more than the limit with 413, passing on nothing beyond it', async () => {
    const inspector = new ZipArchiveInspector(10);
    const passed: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        passed.push(chunk);
        callback();
      },
    });
    const chunks = [Buffer.from('PK\x03\x04abcd', 'latin1'), Buffer.from('efgh')];
    await expect(pipeline(Readable.from(chunks), inspector, sink)).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    expect(Buffer.concat(passed).length).toBe(8);
  });

  it('accepts exactly the limit', async () => {
    const bytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(6)]);
    expect((await inspect([bytes], 10)).result.sizeBytes).toBe(10);
  });
});
