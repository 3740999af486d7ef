import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { PayloadTooLargeException, UnsupportedMediaException } from '../common/domain.exception';
import { YoungGarbageCollector } from '../memory/young-garbage.collector';

/** Local file header, or the end-of-central-directory record that alone makes an empty archive. */
const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const SIGNATURE_LENGTH = 4;

/**
 * Passes an upload through unchanged while checking it (ZIP signature, size limit) and computing
 * its size and SHA-256. Fails before passing on the chunk that breaks a rule, so a store behind it
 * never receives a byte beyond the limit or a non-ZIP prefix. Every upload passes through it, so it
 * also frees the request's spent buffers as they go (YoungGarbageCollector).
 */
export class ZipArchiveInspector extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private bytes = 0;
  private digest?: string;
  private readonly garbage = new YoungGarbageCollector();

  constructor(private readonly maxBytes: number) {
    super({ highWaterMark: 1024 * 1024 });
  }

  /** Valid once the stream has ended. */
  get result(): { sizeBytes: number; sha256: string } {
    if (this.digest === undefined) throw new Error('The archive has not been read to its end');
    return { sizeBytes: this.bytes, sha256: this.digest };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(uploadTooLarge(this.maxBytes));
      return;
    }
    if (this.head.length < SIGNATURE_LENGTH) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SIGNATURE_LENGTH - this.head.length)]);
      if (this.head.length === SIGNATURE_LENGTH && !isZipSignature(this.head)) {
        callback(notZip());
        return;
      }
    }
    this.hash.update(chunk);
    this.garbage.passed(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.head.length < SIGNATURE_LENGTH) {
      callback(notZip());
      return;
    }
    this.digest = this.hash.digest('hex');
    callback();
  }
}

function isZipSignature(head: Buffer): boolean {
  return ZIP_SIGNATURES.some((signature) => signature.equals(head));
}

export function uploadTooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(`The file is larger than the upload limit of ${maxBytes} bytes`);
}

export function notZip(): UnsupportedMediaException {
  return new UnsupportedMediaException(
    'The file is not a ZIP archive (it does not start with a ZIP signature)',
  );
}
