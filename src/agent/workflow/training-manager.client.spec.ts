import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TrainingManagerClient, TrainingManagerError } from './training-manager.client';

/** A loopback server answering every request with `status`, `body` and `type`, after `delayMs`. */
async function serve(
  status: number,
  body: string,
  type = 'application/json',
  delayMs = 0,
): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    setTimeout(() => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function failure(promise: Promise<unknown>): Promise<TrainingManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrainingManagerError);
  return error as TrainingManagerError;
}

describe('TrainingManagerClient', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers the status and the parsed JSON body', async () => {
    const { server, url } = await serve(201, '{"id":4}');
    servers.push(server);
    expect(await new TrainingManagerClient(url, 1000).post('/x', { a: 1 })).toEqual({
      status: 201,
      body: { id: 4 },
    });
  });

  it.each([
    [
      400,
      '{"status":400,"title":"Bad Request","detail":"The \'trainingConfig\' field is missing."}',
      ": The 'trainingConfig' field is missing.",
    ],
    [
      500,
      '{"message":"training job with given id is not found"}',
      ': training job with given id is not found',
    ],
    [404, 'Model not found', ': Model not found'],
    [502, '', ''],
  ])('turns HTTP %i into an error with the body detail', async (status, body, detail) => {
    const { server, url } = await serve(
      status,
      body,
      body.startsWith('{') ? 'application/json' : 'text/plain',
    );
    servers.push(server);
    const error = await failure(new TrainingManagerClient(url, 1000).get('/y'));
    expect(error.message).toBe(`The Training Manager answered HTTP ${status} to GET /y${detail}`);
    expect(error.unreachable).toBe(false);
  });

  it('refuses a 200 that is not JSON', async () => {
    const { server, url } = await serve(200, '<html>', 'text/html');
    servers.push(server);
    expect((await failure(new TrainingManagerClient(url, 1000).get('/z'))).message).toBe(
      "The Training Manager's answer to GET /z is not JSON",
    );
  });

  it('says when the TM is unreachable, and when it is too slow (not unreachable)', async () => {
    const { server, url } = await serve(200, '{}', 'application/json', 1000);
    servers.push(server);
    const slow = await failure(new TrainingManagerClient(url, 100).get('/slow'));
    expect([slow.message, slow.unreachable]).toEqual([
      `The Training Manager at ${url} did not answer within 100 ms`,
      false,
    ]);
    const closed = await serve(200, '{}');
    closed.server.close();
    const down = await failure(new TrainingManagerClient(closed.url, 1000).get('/down'));
    expect([down.message, down.unreachable]).toEqual([
      `The Training Manager at ${closed.url} is unreachable (ECONNREFUSED)`,
      true,
    ]);
  });
});
