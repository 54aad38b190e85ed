#!/usr/bin/env node
// @ts-check
// The containers' health check (Dockerfiles, docker-compose.yml):
//   node protos/healthcheck.js localhost:50051            asks grpc.health.v1 Check; exit 0 if SERVING
//   node protos/healthcheck.js http://localhost:3000/health/live    exit 0 if it answers 200
// Plain JavaScript, so a check every few seconds costs a tenth of a second, not ts-node's start-up.
const grpc = require('@grpc/grpc-js');
const { service } = require('grpc-health-check');

const target = process.argv[2];
if (!target) {
  console.error('usage: node protos/healthcheck.js <host:port | http://…>');
  process.exit(2);
}

if (target.startsWith('http')) {
  fetch(target, { signal: AbortSignal.timeout(2000) }).then(
    (response) => process.exit(response.ok ? 0 : 1),
    () => process.exit(1),
  );
} else {
  const Health = grpc.makeClientConstructor(service, 'Health');
  const client = new Health(target, grpc.credentials.createInsecure());
  client.check(
    { service: '' },
    { deadline: Date.now() + 2000 },
    (/** @type {Error | null} */ error, /** @type {{ status: string }} */ reply) => {
      client.close();
      process.exit(!error && reply.status === 'SERVING' ? 0 : 1);
    },
  );
}
