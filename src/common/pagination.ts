/** RFC 8288 `Link` value for the next page: the same request (its path and query) with `page-token` replaced. */
export function nextPageLink(requestUrl: string, token: string): string {
  const url = new URL(requestUrl, 'http://placeholder');
  url.searchParams.set('page-token', token);
  return `<${url.pathname}${url.search}>; rel="next"`;
}
