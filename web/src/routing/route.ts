/** The console's pages, from the location's hash (so the server needs no fallback route). */
export type Route =
  | { page: 'models' }
  | { page: 'register' }
  | { page: 'model'; id: string }
  | { page: 'edit'; id: string }
  | { page: 'assistant' }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/models';
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    // A malformed percent-encoding (#/models/%E0%A4): no page has that address.
    return { page: 'not-found' };
  }
  if (parts[0] === 'models' && parts.length === 1) return { page: 'models' };
  if (parts[0] === 'models' && parts[1] === 'new' && parts.length === 2) return { page: 'register' };
  if (parts[0] === 'models' && parts.length === 2) return { page: 'model', id: parts[1] };
  if (parts[0] === 'models' && parts[2] === 'edit' && parts.length === 3)
    return { page: 'edit', id: parts[1] };
  if (parts[0] === 'assistant' && parts.length === 1) return { page: 'assistant' };
  return { page: 'not-found' };
}

export const href = {
  models: '#/models',
  register: '#/models/new',
  model: (id: string) => `#/models/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/models/${encodeURIComponent(id)}/edit`,
  assistant: '#/assistant',
};

export function navigate(to: string): void {
  window.location.hash = to;
}
