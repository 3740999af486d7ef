/** The page-token of a `Link: <…>; rel="next"` header (RFC 8288), or null on the last page. */
export function nextPageToken(link: string | null, base = window.location.origin): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?next"?\s*$/.exec(part);
    if (match) return new URL(match[1], base).searchParams.get('page-token');
  }
  return null;
}
