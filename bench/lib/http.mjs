// The registry's paths, one JSON request, and waiting for a server to be ready.
import { describeExit } from './children.mjs';
import { sleep } from './numbers.mjs';

export const REG = '/ai-ml-model-registration/v1/model-registrations';
export const DISCOVERY = '/ai-ml-model-discovery/v1/models';
export const UPLOAD = '/ai-ml-model-registration/v1/uploadModel';
export const DOWNLOAD = '/ai-ml-model-registration/v1/downloadModel';

export async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Polls GET `base + path` every 20 ms until it answers 200; resolves to the ms since `since` (the
 * spawn), i.e. start-up to the first successful readiness answer.
 */
export async function waitReady(base, path, child, since, timeoutMs = 120_000) {
  let exited;
  child.exited.then((how) => (exited = how));
  while (performance.now() - since < timeoutMs) {
    if (exited) throw new Error(`not ready: ${describeExit(child, exited)}`);
    try {
      const response = await fetch(base + path);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {}
    await sleep(20);
  }
  throw new Error(`${child.label} not ready after ${timeoutMs} ms:\n${child.tail.join('')}`);
}
