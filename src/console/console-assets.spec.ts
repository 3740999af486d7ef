import { cacheControlFor } from './console-assets';

describe('cacheControlFor', () => {
  const root = '/srv/assets/modelmgmtservice/dist/ui';

  it("caches the build's hashed assets for good", () => {
    expect(cacheControlFor(root, `${root}/assets/index-C0wwJAVs.js`)).toBe(
      'public, max-age=31536000, immutable',
    );
  });

  it('revalidates the page and the other files, wherever the build lies', () => {
    expect(cacheControlFor(root, `${root}/index.html`)).toBe('no-cache');
    expect(cacheControlFor(root, `${root}/favicon.svg`)).toBe('no-cache');
    expect(cacheControlFor(root, `${root}/assets-old/x.js`)).toBe('no-cache');
  });
});
