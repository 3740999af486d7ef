import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { registerAccessLog } from './access-log.hook';

describe('registerAccessLog', () => {
  it('redacts every credential-bearing header of the request and logs no response header (Set-Cookie)', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const fastify = Fastify();
    registerAccessLog(fastify, pino({ level: 'info' }, destination));
    fastify.get('/probe', (_request, reply) => {
      void reply.header('Set-Cookie', ['session=secret-set-cookie-value; HttpOnly']).send('ok');
    });
    try {
      const answer = await fastify.inject({
        method: 'GET',
        url: '/probe',
        headers: {
          authorization: 'Bearer secret-authorization-value',
          'proxy-authorization': 'Basic secret-proxy-value',
          cookie: 'session=secret-cookie-value',
          'x-api-key': 'secret-x-api-key-value',
          'user-agent': 'probe',
        },
      });
      expect(answer.statusCode).toBe(200);
      while (lines.length === 0) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await fastify.close();
    }
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as {
      level: number;
      msg: string;
      req: { method: string; url: string; headers: Record<string, string> };
      res: Record<string, unknown>;
    };
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/probe' },
    });
    expect(line.req.headers).toMatchObject({
      authorization: '[redacted]',
      'proxy-authorization': '[redacted]',
      cookie: '[redacted]',
      'x-api-key': '[redacted]',
      'user-agent': 'probe',
    });
    // The access line carries the status, not the response's headers (Set-Cookie included).
    expect(line.res).toEqual({ statusCode: 200 });
    expect(lines.join('')).not.toContain('secret-');
  });
});
