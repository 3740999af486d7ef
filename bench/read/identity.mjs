// Before anything is measured: the floor must answer exactly what we answer (it runs the same SQL and
// writes the same JSON), and the Go service the same registrations (its ids, key order and list order
// are its own; other differences are reported as notes, not failures: it is not ours to fix).
import { isDeepStrictEqual } from 'node:util';
import { call, DISCOVERY, REG } from '../lib/http.mjs';
import { registration, seedKey } from '../lib/seed.mjs';

function readPaths(server, n) {
  const { name, version } = seedKey(0, n);
  return [
    { label: `GET ${REG}/{id of seed 0}`, path: `${REG}/${server.ids[0]}` },
    {
      label: `GET ${DISCOVERY}?model-name=${name}&model-version=${version}`,
      path: `${DISCOVERY}?model-name=${name}&model-version=${version}`,
    },
    { label: `GET ${DISCOVERY}?model-name=${name}`, path: `${DISCOVERY}?model-name=${name}` },
    { label: `GET ${DISCOVERY}`, path: DISCOVERY },
  ];
}

async function get(server, path) {
  const answer = await call(server.base, 'GET', path);
  if (answer.status !== 200)
    throw new Error(
      `identity check GET ${path} on ${server.label}: ${answer.status}\n${answer.text.slice(0, 500)}`,
    );
  return answer;
}

/** POSTs one registration; returns its body with the id and name masked, and the Location header. */
async function register(server) {
  const response = await call(server.base, 'POST', REG, registration(`bench-check-${server.key}`, '1'));
  if (response.status !== 201)
    throw new Error(`identity check POST on ${server.label}: ${response.status} ${response.text}`);
  const info = response.json?.modelInfo;
  return {
    location: response.headers.get('location'),
    id: info?.id,
    masked: {
      ...response.json,
      modelInfo: { ...info, id: '<id>', modelId: { ...info.modelId, modelName: '<name>' } },
    },
  };
}

export async function checkFloor(ours, floor, n) {
  const notes = [];
  const checked = [];
  for (const [i, { label, path }] of readPaths(ours, n).entries()) {
    const [a, b] = await Promise.all([get(ours, path), get(floor, readPaths(floor, n)[i].path)]);
    if (
      path === DISCOVERY &&
      Array.isArray(a.json) &&
      Array.isArray(b.json) &&
      a.json.length !== b.json.length
    ) {
      throw new Error(
        `identity check FAILED for GET ${path}: ours returned ${a.json.length} registrations, the floor ${b.json.length}` +
          `${a.headers.get('link') ? ` (ours sent Link: ${a.headers.get('link')}) — is the unfiltered list paginated by default now?` : ''}`,
      );
    }
    if (!isDeepStrictEqual(a.json, b.json)) {
      throw new Error(
        `identity check FAILED for ${label}: ours and the floor answer different JSON\nours:  ${a.text.slice(0, 800)}\nfloor: ${b.text.slice(0, 800)}`,
      );
    }
    if (a.text !== b.text) notes.push(`${label}: same JSON, different bytes (key order or spacing)`);
    checked.push(label);
  }
  const [a, b] = [await register(ours), await register(floor)];
  for (const [server, answer] of [
    [ours, a],
    [floor, b],
  ]) {
    if (answer.location !== `${REG}/${answer.id}`)
      throw new Error(
        `identity check POST on ${server.label}: Location ${answer.location} does not name ${answer.id}`,
      );
  }
  if (!isDeepStrictEqual(a.masked, b.masked))
    throw new Error(
      `identity check FAILED for POST: ${JSON.stringify(a.masked)} vs ${JSON.stringify(b.masked)}`,
    );
  checked.push(`POST ${REG}`);
  return { checked, notes };
}

/** Without ids, lists sorted by name and version: what the Go service and we must agree on. */
function comparable(json) {
  const strip = (resource) => {
    const { id, ...rest } = resource ?? {};
    return rest;
  };
  if (!Array.isArray(json)) return strip(json);
  const key = (r) => `${r.modelId?.modelName}\u0000${r.modelId?.modelVersion}`;
  return json.map(strip).sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

export async function checkGo(ours, go, n) {
  const notes = [];
  const checked = [];
  for (const [i, { label, path }] of readPaths(ours, n).entries()) {
    const [a, b] = await Promise.all([get(ours, path), get(go, readPaths(go, n)[i].path)]);
    if (
      Array.isArray(a.json) !== Array.isArray(b.json) ||
      (Array.isArray(a.json) && a.json.length !== b.json.length)
    ) {
      throw new Error(
        `identity check FAILED for ${label}: ours and Go answer different registrations\nours: ${a.text.slice(0, 500)}\nGo:   ${b.text.slice(0, 500)}`,
      );
    }
    if (!isDeepStrictEqual(comparable(a.json), comparable(b.json))) {
      notes.push(
        `${label}: Go's registrations differ from ours beyond ids and order (ours ${a.text.slice(0, 200)}… Go ${b.text.slice(0, 200)}…)`,
      );
    }
    checked.push(label);
  }
  const [a, b] = [await register(ours), await register(go)];
  if (!isDeepStrictEqual(a.masked, b.masked))
    notes.push(`POST ${REG}: Go answers ${JSON.stringify(b.masked)}`);
  if (b.location !== `${REG}/${b.id}`)
    notes.push(`POST ${REG}: Go's Location is ${JSON.stringify(b.location)} (ours ${REG}/<id>)`);
  checked.push(`POST ${REG}`);
  return { checked, notes };
}
