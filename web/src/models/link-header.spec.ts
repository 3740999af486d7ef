import { describe, expect, it } from 'vitest';
import { nextPageToken } from './link-header';

describe('nextPageToken', () => {
  const base = 'http://127.0.0.1:8082';

  it('reads page-token from the rel="next" link, relative or absolute, among others', () => {
    expect(
      nextPageToken('</ai-ml-model-discovery/v1/models?page-size=2&page-token=eyJu%3D>; rel="next"', base),
    ).toBe('eyJu=');
    expect(
      nextPageToken(
        '<http://a.example/x?page-token=first>; rel="prev", <http://a.example/x?page-token=t2>; rel="next"',
        base,
      ),
    ).toBe('t2');
  });

  it('is null on the last page', () => {
    expect(nextPageToken(null, base)).toBeNull();
    expect(nextPageToken('</x?page-token=p>; rel="prev"', base)).toBeNull();
  });
});
