import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The whole registry's listing (discovery without a filter or a page) as JSON bytes, with the
 * registry version it was read at (ModelRegistrationRepository.registryVersion). The dashboard asks
 * for it again and again while nothing changes; building it costs the database and this process
 * tens of milliseconds for 2,000 registrations, checking the version about two. Listings larger than
 * LISTING_CACHE_BYTES are streamed anew every time.
 */
@Injectable()
export class ModelListingCache {
  private readonly limit: number;
  private entry?: { version: string; body: Buffer };

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'listingCacheBytes'>) {
    this.limit = config.listingCacheBytes;
  }

  /** False with LISTING_CACHE_BYTES=0: then there is no version to check either. */
  get enabled(): boolean {
    return this.limit > 0;
  }

  /** The listing read at `version`, if that is the one kept. */
  get(version: string): Buffer | undefined {
    return this.entry?.version === version ? this.entry.body : undefined;
  }

  /**
   * Passes `chunks` through, and keeps their text as the listing at `version` once they have all
   * passed (a client gone mid-way returns the generator early: nothing is kept) and if it fits the
   * limit. `version` must have been read before the listing's first statement.
   */
  async *keep(version: string, chunks: AsyncIterable<string>): AsyncGenerator<string> {
    const parts: string[] = [];
    // Characters, a lower bound of the bytes: past the limit, nothing more is collected.
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size <= this.limit) parts.push(chunk);
      yield chunk;
    }
    if (size > this.limit) return;
    const body = Buffer.from(parts.join(''));
    if (body.length <= this.limit) this.entry = { version, body };
  }
}
