// The uploaded file: random bytes behind a ZIP signature (both services check the name, ours the signature).
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';

const MiB = 1024 * 1024;

/** Writes `size` bytes to `path`, 1 MiB at a time; resolves to their SHA-256. */
export async function writeZipLike(path, size) {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let written = 0; written < size;) {
    const chunk = randomBytes(Math.min(MiB, size - written));
    if (written === 0) chunk.write('PK\x03\x04', 0, 'latin1');
    hash.update(chunk);
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}
