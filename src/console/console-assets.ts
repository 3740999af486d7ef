import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AppLogger } from '../common/app-logger';

/**
 * The console's build (`vite build`, web/): dist/ui beside the compiled service, whether this file
 * runs compiled (dist/console/) or from the sources (src/console/, in the tests).
 */
export const CONSOLE_ROOT = resolve(__dirname, '..', '..', 'dist', 'ui');

/**
 * Vite names every file under assets/ after its content (a changed file is a new URL): those are
 * cached for good; the page and the rest are revalidated, so that an upgrade is seen at once.
 * Judged by the file's place in the build, not by its whole path (which may hold "/assets/" too).
 */
export function cacheControlFor(root: string, file: string): string {
  return file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the console at `/`: one route per file of the build (no wildcard, so unknown paths stay
 * the API's 404 and 405), hashed assets cached for good, the page itself revalidated. The files are
 * public whatever API_KEYS says: they hold no data, and the console asks for a key when the API does.
 */
export function serveConsole(fastify: FastifyInstance, logger: AppLogger): void {
  if (!existsSync(join(CONSOLE_ROOT, 'index.html'))) {
    logger.warn(`The console is not built (${CONSOLE_ROOT}): run npm run build to serve it at /`, 'Console');
    return;
  }
  // Loaded with the other plugins when the server gets ready (the routes come from the files then).
  void fastify.register(fastifyStatic, {
    root: CONSOLE_ROOT,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', cacheControlFor(CONSOLE_ROOT, path));
    },
  });
}
