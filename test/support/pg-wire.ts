/**
 * Just enough of the PostgreSQL wire protocol for a proxy to act like a server that shuts down:
 * where the server's messages end, and the FATAL a backend sends when it is terminated.
 */

/** ErrorResponse FATAL 57P01, what every session receives when PostgreSQL restarts (fast shutdown). */
export function adminShutdownMessage(): Buffer {
  const fields = Buffer.from(
    'SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0',
    'latin1',
  );
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

/**
 * Follows the server→client byte stream (type byte, int32 length, body) and says whether a chunk
 * ended exactly at a message boundary. Valid without SSL, which the tests' connections do not use.
 */
export class ServerMessageFramer {
  private header = Buffer.alloc(0);
  private remaining = 0;

  /** Consumes `chunk`; true when the stream now stands between two messages. */
  push(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const taken = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= taken;
        offset += taken;
        continue;
      }
      const needed = 5 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + needed)]);
      offset += Math.min(needed, chunk.length - offset);
      if (this.header.length === 5) {
        this.remaining = this.header.readInt32BE(1) - 4;
        this.header = Buffer.alloc(0);
      }
    }
    return this.remaining === 0 && this.header.length === 0;
  }
}
