/** The bits of an Express 5 router layer that tell which methods a path answers. */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * The methods the app's routes accept for a path (empty when no route matches it), so that a
 * wrong method can be a 405 with Allow rather than a 404.
 */
export function allowedMethods(expressApp: { router?: { stack: RouterLayer[] } }, path: string): string[] {
  const methods = new Set<string>();
  for (const layer of expressApp.router?.stack ?? []) {
    if (!layer.route || isMiddlewareRoute(layer.route.path) || !layer.match(path)) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Wildcard routes are route-bound middleware (the request logger's), never endpoints. */
export function isMiddlewareRoute(path: string): boolean {
  return path.includes('*');
}
