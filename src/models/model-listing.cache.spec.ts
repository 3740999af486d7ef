import { CACHED_LISTING_LIMIT, ModelListingCache } from './model-listing.cache';

async function* pieces(...texts: string[]): AsyncGenerator<string> {
  yield* texts;
}

async function drain(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('ModelListingCache', () => {
  it('keeps a listing that passed whole, for its version only', async () => {
    const cache = new ModelListingCache();
    expect(await drain(cache.keep('v1', pieces('[{"a":1}', ',{"b":"é"}', ']')))).toBe('[{"a":1},{"b":"é"}]');
    expect(cache.get('v1')?.toString('utf8')).toBe('[{"a":1},{"b":"é"}]');
    expect(cache.get('v2')).toBeUndefined();
  });

  it('keeps nothing when the listing is left before its end', async () => {
    const cache = new ModelListingCache();
    for await (const chunk of cache.keep('v1', pieces('[1', ',2', ']'))) {
      if (chunk === ',2') break;
    }
    expect(cache.get('v1')).toBeUndefined();
  });

  it('keeps nothing when the listing fails', async () => {
    const cache = new ModelListingCache();
    async function* failing(): AsyncGenerator<string> {
      yield '[1';
      throw new Error('connection lost');
    }
    await expect(drain(cache.keep('v1', failing()))).rejects.toThrow('connection lost');
    expect(cache.get('v1')).toBeUndefined();
  });

  it('passes a listing larger than the limit through without keeping it', async () => {
    const cache = new ModelListingCache();
    const half = 'x'.repeat(CACHED_LISTING_LIMIT / 2 + 1);
    expect(await drain(cache.keep('v1', pieces('["', half, half, '"]')))).toHaveLength(2 * half.length + 4);
    expect(cache.get('v1')).toBeUndefined();
  });

  it('replaces the listing it keeps with a newer one', async () => {
    const cache = new ModelListingCache();
    await drain(cache.keep('v1', pieces('[]')));
    await drain(cache.keep('v2', pieces('[2]')));
    expect([cache.get('v1'), cache.get('v2')?.toString()]).toEqual([undefined, '[2]']);
  });
});
