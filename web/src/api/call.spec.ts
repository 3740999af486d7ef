import { describe, expect, it } from 'vitest';
import { call } from './call';

describe('call', () => {
  it('rethrows an abort: the caller cancelled, nothing failed', async () => {
    const aborted = new DOMException('This operation was aborted', 'AbortError');
    await expect(call(() => Promise.reject(aborted))).rejects.toBe(aborted);
  });

  it("describes fetch's network failure as the service not answering", async () => {
    expect(await call(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual({
      ok: false,
      problem: {
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: 'The service did not answer',
        instance: '',
      },
    });
  });

  it('keeps the message of any other error (a bug is not a network failure)', async () => {
    expect(
      await call(() => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')"))),
    ).toEqual({
      ok: false,
      problem: {
        type: 'about:blank',
        title: 'Error',
        status: 0,
        detail: "Cannot read properties of undefined (reading 'x')",
        instance: '',
      },
    });
  });

  it('returns the data of a 2xx and the problem of any other answer', async () => {
    const response = new Response(null, { status: 200 });
    expect(await call(() => Promise.resolve({ data: [1], response }))).toEqual({
      ok: true,
      data: [1],
      response,
    });
    const gone = new Response(null, { status: 502, statusText: 'Bad Gateway' });
    expect(await call(() => Promise.resolve({ error: 'bad', response: gone }))).toEqual({
      ok: false,
      problem: { type: 'about:blank', title: 'HTTP 502', status: 502, detail: 'Bad Gateway', instance: '' },
    });
  });
});
