// What the image adds to its base (the Node image it is FROM).
import { assert } from '../lib/checks.mjs';
import { baseImage, IMAGE, inspect } from './image-tool.mjs';

export const LIMIT_MB = 150;

export function addedSize() {
  const image = Number(inspect(IMAGE, '{{.Size}}'));
  const base = Number(inspect(baseImage(), '{{.Size}}'));
  const mb = (n) => (n / 1e6).toFixed(1);
  const added = image - base;
  assert(added <= LIMIT_MB * 1e6, `adds ${mb(added)} MB to its base (limit ${LIMIT_MB} MB)`);
  return `${mb(image)} MB, of which ${mb(added)} MB on top of ${baseImage()} (${mb(base)} MB); limit ${LIMIT_MB} MB`;
}
