import type { Request } from 'express';

/** RFC 8288 `Link` value for the next page: the same request with `page-token` replaced. */
export function nextPageLink(request: Request, token: string): string {
  const url = new URL(request.originalUrl, 'http://placeholder');
  url.searchParams.set('page-token', token);
  return `<${url.pathname}${url.search}>; rel="next"`;
}
