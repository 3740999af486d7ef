import { Injectable } from '@nestjs/common';

/** Listings up to this many characters are kept; a larger one is streamed anew every time. */
export const CACHED_LISTING_LIMIT = 4 * 1024 * 1024;

/**
 * The whole registry's listing (discovery without a filter or a page) as JSON bytes, with the
 * registry version it was read at (ModelRegistrationRepository.registryVersion). The dashboard asks
 * for it again and again while nothing changes; building it costs the database and this process
 * tens of milliseconds for 2,000 registrations, checking the version about two.
 */
@Injectable()
export class ModelListingCache {
  private entry?: { version: string; body: Buffer };

  /** The listing read at `version`, if that is the one kept. */
  get(version: string): Buffer | undefined {
    return this.entry?.version === version ? this.entry.body : undefined;
  }

  /**
   * Passes `chunks` through, and keeps their text as the listing at `version` once they have all
   * passed (a client gone mid-way returns the generator early: nothing is kept) and if they fit
   * CACHED_LISTING_LIMIT. `version` must have been read before the listing's first statement.
   */
  async *keep(version: string, chunks: AsyncIterable<string>): AsyncGenerator<string> {
    const parts: string[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size <= CACHED_LISTING_LIMIT) parts.push(chunk);
      else parts.length = 0;
      yield chunk;
    }
    if (size <= CACHED_LISTING_LIMIT) this.entry = { version, body: Buffer.from(parts.join('')) };
  }
}
