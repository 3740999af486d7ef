import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { takeOverResponse } from './raw-response';

/**
 * Answers up to this many characters are collected and sent whole, with Content-Length, as a plain
 * JSON answer always was; the database connection is then free before the client reads. Larger ones
 * are streamed (chunked), and hold their connection while the client reads.
 */
export const WHOLE_ANSWER_LIMIT = 1024 * 1024;
/** A client that takes nothing for this long is cut: it must not hold a database connection. */
export const STALLED_CLIENT_MS = 30_000;
const JSON_TYPE = 'application/json; charset=utf-8';

const logger = new Logger('JsonResponse');

class ClientGone extends Error {}

/**
 * Sends `chunks` (JSON text in pieces, or its bytes, sent whole) as a 200 answer. An error before the
 * first byte is thrown, for the exception filter to answer; after it, the status is sent and problem
 * details are impossible, so the connection is destroyed (the client sees an incomplete answer) and it
 * is logged. A client that goes away or stalls ends the work: the chunks' iterator is returned, which
 * closes the cursor behind it.
 */
export async function sendJson(reply: FastifyReply, chunks: AsyncIterable<string> | Buffer): Promise<void> {
  if (Buffer.isBuffer(chunks)) {
    await reply.code(200).type(JSON_TYPE).send(chunks);
    return;
  }
  const iterator = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let size = 0;
  while (size <= WHOLE_ANSWER_LIMIT) {
    const next = await iterator.next();
    if (next.done) {
      await reply.code(200).type(JSON_TYPE).send(head.join(''));
      return;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const response = takeOverResponse(reply);
  response.statusCode = 200;
  response.setHeader('Content-Type', JSON_TYPE);
  try {
    await write(response, head.join(''));
    head.length = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      await write(response, next.value);
    }
    response.end();
  } catch (error) {
    response.destroy();
    if (error instanceof ClientGone) {
      if (error.message) logger.warn(error.message);
    } else {
      logger.error(
        `Answer cut after its status was sent: ${(error as Error).message}`,
        (error as Error).stack,
      );
    }
  } finally {
    await iterator.return?.();
  }
}

/** Writes with backpressure: resolves when the client can take more. */
function write(response: ServerResponse, chunk: string): Promise<void> {
  if (response.destroyed) return Promise.reject(new ClientGone());
  if (response.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      response.off('drain', onDrain);
      response.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientGone());
    const timer = setTimeout(
      () => done(new ClientGone(`Client took nothing for ${STALLED_CLIENT_MS} ms; answer cut`)),
      STALLED_CLIENT_MS,
    );
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}
