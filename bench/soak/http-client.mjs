// A small node:http client for the soak: keep-alive agent, bounded time per request, whole body
// buffered (the soak's bodies are small), latency measured from the call to the last byte.
import { Agent, request as httpRequest } from 'node:http';

export class HttpClient {
  /**
   * @param {string} base  e.g. http://127.0.0.1:8082
   * @param {{ maxSockets: number, timeoutMs: number }} options
   */
  constructor(base, { maxSockets, timeoutMs }) {
    const url = new URL(base);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.timeoutMs = timeoutMs;
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  }

  /**
   * Resolves `{ status, headers, body, ms }`, or `{ status: 0, error, ms }` when the request failed
   * (connection error, reset, timeout): then the outcome of a write is unknown.
   */
  request(method, path, { body, headers = {} } = {}) {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result) => {
        if (settled) return;
        settled = true;
        resolve({ ...result, ms: elapsed() });
      };
      const allHeaders = { ...headers };
      if (body !== undefined) allHeaders['content-length'] = String(body.length);
      const req = httpRequest(
        { host: this.host, port: this.port, method, path, headers: allHeaders, agent: this.agent },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', (error) => finish({ status: 0, error: `response: ${error.message}` }));
          res.on('aborted', () => finish({ status: 0, error: 'response aborted' }));
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(new Error(`timed out after ${this.timeoutMs} ms`));
      });
      req.on('error', (error) => finish({ status: 0, error: error.message }));
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

export function json(response) {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}
