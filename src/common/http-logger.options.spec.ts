import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { loadAppConfig } from '../config/app-config';
import { httpLoggerOptions } from './http-logger.options';

describe('httpLoggerOptions', () => {
  it('redacts every credential-bearing header of the request and logs no response header (Set-Cookie)', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pinoHttp(httpLoggerOptions(loadAppConfig({ LOG_LEVEL: 'info' })), destination);
    const server = createServer((req, res) => {
      logger(req, res);
      res.setHeader('Set-Cookie', ['session=secret-set-cookie-value; HttpOnly']);
      res.end('ok');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/probe',
        headers: {
          authorization: 'Bearer secret-authorization-value',
          'proxy-authorization': 'Basic secret-proxy-value',
          cookie: 'session=secret-cookie-value',
          'x-api-key': 'secret-x-api-key-value',
          'user-agent': 'probe',
        },
      });
      req.end();
      const [res] = (await once(req, 'response')) as [NodeJS.ReadableStream];
      res.resume();
      await once(res, 'end');
      while (lines.length === 0) await new Promise((r) => setTimeout(r, 10));
    } finally {
      server.close();
    }
    const line = JSON.parse(lines[0]) as {
      req: { headers: Record<string, string> };
      res: Record<string, unknown>;
    };
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
