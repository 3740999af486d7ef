import { ModelListingCache } from './model-listing.cache';

async function* pieces(...texts: string[]): AsyncGenerator<string> {
  yield* texts;
}

async function drain(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

const cacheOf = (listingCacheBytes = 1024) => new ModelListingCache({ listingCacheBytes });

describe('ModelListingCache', () => {
  it('keeps a listing that passed whole, for its version only', async () => {
    const cache = cacheOf();
    expect(await drain(cache.keep('v1', pieces('[{"a":1}', ',{"b":"é"}', ']')))).toBe('[{"a":1},{"b":"é"}]');
    expect(cache.get('v1')?.toString('utf8')).toBe('[{"a":1},{"b":"é"}]');
    expect(cache.get('v2')).toBeUndefined();
  });

  it('keeps nothing when the listing is left before its end', async () => {
    const cache = cacheOf();
    for await (const chunk of cache.keep('v1', pieces('[1', ',2', ']'))) {
      if (chunk === ',2') break;
    }
    expect(cache.get('v1')).toBeUndefined();
  });

  it('keeps nothing when the listing fails', async () => {
    const cache = cacheOf();
    async function* failing(): AsyncGenerator<string> {
      yield '[1';
      throw new Error('connection lost');
    }
    await expect(drain(cache.keep('v1', failing()))).rejects.toThrow('connection lost');
    expect(cache.get('v1')).toBeUndefined();
  });

  it('keeps a listing of exactly the limit in bytes, and passes a larger one through without keeping it', async () => {
    const cache = cacheOf(8);
    await drain(cache.keep('v1', pieces('["', 'abcd', '"]')));
    expect(cache.get('v1')?.toString()).toBe('["abcd"]');
    expect(await drain(cache.keep('v2', pieces('["', 'abcde', '"]')))).toBe('["abcde"]');
    // Eight characters, nine bytes.
    expect(await drain(cache.keep('v3', pieces('["', 'abcé', '"]')))).toBe('["abcé"]');
    expect([cache.get('v2'), cache.get('v3')]).toEqual([undefined, undefined]);
  });

  it('replaces the listing it keeps with a newer one', async () => {
    const cache = cacheOf();
    await drain(cache.keep('v1', pieces('[]')));
    await drain(cache.keep('v2', pieces('[2]')));
    expect([cache.get('v1'), cache.get('v2')?.toString()]).toEqual([undefined, '[2]']);
  });

  it('is off with a limit of 0', () => {
    expect([cacheOf(0).enabled, cacheOf(1).enabled]).toEqual([false, true]);
  });
});
