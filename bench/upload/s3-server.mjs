#!/usr/bin/env node
// A local S3 server (s3rver) for `npm run bench:upload`, in a process of its own so that its CPU is
// neither the bench's nor a service's. Stores under $DIR; prints {"port": N} on stdout once it listens.
// Credentials are s3rver's fixed S3RVER / S3RVER.
//
//   DIR=/tmp/s3 node bench/upload/s3-server.mjs
import S3rver from 's3rver';

const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.env.DIR });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// No graceful close: it would wait for the services' keep-alive sockets; the parent removes $DIR.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
