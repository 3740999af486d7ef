// What the runtime image holds: production packages only, no build state, no maps without sources,
// a non-root user.
import fs from 'node:fs';
import path from 'node:path';
import { assert, eq } from '../lib/checks.mjs';
import { IMAGE, inspect, root, runCommand } from './image-tool.mjs';

// Runs inside the image: lists /app's packages, build info, maps and the user it runs as.
const LIST = `
const fs = require('fs'), path = require('path');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
const packages = [];
const scan = (dir, prefix) => {
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (e.startsWith('.')) continue;
    if (e.startsWith('@')) { scan(path.join(dir, e), prefix + e + '/'); continue; }
    packages.push(prefix + e);
    scan(path.join(dir, e, 'node_modules'), prefix + e + '/node_modules/');
  }
};
scan('/app/node_modules', 'node_modules/');
const files = walk('/app').filter((f) => !f.startsWith('/app/node_modules/'));
const maps = walk('/app').filter((f) => f.endsWith('.map'));
console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), packages, files, maps }));
`;

/** Lockfile paths npm would install with --omit=dev --omit=optional: no dev, optional or devOptional flag. */
function productionPaths() {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
  const prod = new Set();
  const notProd = new Set();
  for (const [p, meta] of Object.entries(lock)) {
    if (!p.startsWith('node_modules/')) continue;
    (meta.dev || meta.optional || meta.devOptional ? notProd : prod).add(p);
  }
  return { prod, notProd };
}

export async function listImage() {
  const { code, output } = await runCommand({}, ['node', '-e', LIST]);
  assert(code === 0, `listing the image failed (${code}):\n${output}`);
  return JSON.parse(output.trim().split('\n').at(-1));
}

export function assertProductionOnly(listing) {
  const { prod, notProd } = productionPaths();
  const shipped = new Set(listing.packages);
  const dev = [...shipped].filter((p) => notProd.has(p));
  assert(!dev.length, `development packages in the image: ${dev.join(', ')}`);
  const unknown = [...shipped].filter((p) => !prod.has(p));
  assert(!unknown.length, `packages the lockfile does not list for production: ${unknown.join(', ')}`);
  const missing = [...prod].filter((p) => !shipped.has(p));
  assert(!missing.length, `production packages missing: ${missing.join(', ')}`);
  const buildInfo = listing.files.filter((f) => /\.tsbuildinfo$/.test(f));
  assert(!buildInfo.length, `TypeScript build info shipped: ${buildInfo.join(', ')}`);
  const sources = listing.files.filter((f) => f.endsWith('.ts'));
  assert(sources.length || !listing.maps.length, `${listing.maps.length} source maps without their sources`);
  // .compile-cache/: V8's code cache of dist/ and the packages, written at build time (Dockerfile).
  const cached = listing.files.filter((f) => f.startsWith('/app/.compile-cache/'));
  assert(cached.length > 0, 'no compile cache in /app/.compile-cache (the Dockerfile writes one)');
  const outside = listing.files.filter(
    (f) => !/^\/app\/(dist\/|package\.json$|\.compile-cache\/)/.test(f),
  );
  assert(!outside.length, `unexpected files in /app: ${outside.slice(0, 20).join(', ')}`);
  const shippedFiles = listing.files.length - cached.length;
  return `${shipped.size} packages (all production), ${shippedFiles} files in dist/ + package.json, ${cached.length} in the compile cache, no maps, no build info`;
}

export function assertNonRoot(listing) {
  eq(inspect(IMAGE, '{{.Config.User}}'), '1000:1000', 'image USER');
  eq([listing.uid, listing.gid], [1000, 1000], 'uid/gid the process runs as');
  return 'USER 1000:1000, the process runs as 1000/1000';
}
