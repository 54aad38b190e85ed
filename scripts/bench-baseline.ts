// The baselines of `npm run bench`: the gateway with less of it, each in a process of its own, so
// that what each layer costs shows as a ratio of CPU time per GET /api/products/1. BASELINE says which:
//   bare      the least an HTTP → gRPC gateway can do: one Express route that makes the same one gRPC
//             call as the gateway's GET /api/products/:id, and nothing else: no validation, no
//             tracing, no logging, no error mapping (the default)
//   diagram   the gateway's diagram alone: conversion/ and routing/ (its clients, routes, errors),
//             no chapter, no lab
//   gateway   the gateway as its index.ts builds it, every chapter plugged in (and off, as their
//             switches default), without the lab
//   context   `gateway`, each request run in an AsyncLocalStorage as the lab runs it (lab/src/context.ts):
//             what that costs by itself, since Node.js 20 tracks every asynchronous step of a
//             process once one is in use
// The gateway with the lab is the sandbox's own (api-gateway/src/index.ts). BASELINE_PORT: where it
// listens. A quick run of the benchmark asks for several in one process (BASELINE=bare,diagram,…
// and as many ports), which then share its CPU time: figures to check, not to compare.
import express from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, deadlineIn, loadContract } from '../protos/src';

const kinds = (process.env.BASELINE ?? 'bare').split(',');
const ports = (process.env.BASELINE_PORT ?? '3999').split(',').map(Number);
// each loads only what it runs: the bare route none of the gateway's modules
const apps: Record<string, () => Promise<http.RequestListener>> = { bare, diagram, gateway, context };
for (const kind of kinds)
  if (!apps[kind]) throw new Error(`BASELINE must be one of ${Object.keys(apps).join(', ')}, not ${kind}`);

async function bare(): Promise<http.RequestListener> {
  const products = new (loadContract().product.ProductService)(
    process.env.PRODUCT_SERVICE_ADDR ?? 'localhost:50052',
    grpc.credentials.createInsecure(),
    CHANNEL_OPTIONS,
  );
  const app = express();
  app.get('/api/products/:id', (req, res) => {
    products.getProduct({ id: req.params.id }, { deadline: deadlineIn(2000) }, (error, product) => {
      if (error) res.status(503).json({ error: error.code });
      else res.json(product);
    });
  });
  return app;
}

async function diagram(): Promise<http.RequestListener> {
  const { readConfig } = await import('../api-gateway/src/config');
  const { createClients } = await import('../api-gateway/src/conversion/clients');
  const { errorHandler, unknownRoute } = await import('../api-gateway/src/conversion/errors');
  const { orderRoutes } = await import('../api-gateway/src/routing/orders');
  const { productRoutes } = await import('../api-gateway/src/routing/products');
  const { userRoutes } = await import('../api-gateway/src/routing/users');
  const { createLogger } = await import('@sandbox/lab');
  const config = readConfig();
  const clients = createClients(config);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  app.use('/api/users', userRoutes(clients));
  app.use('/api/products', productRoutes(clients));
  app.use('/api/orders', orderRoutes(clients));
  app.use(unknownRoute);
  app.use(errorHandler(createLogger('api-gateway')));
  return app;
}

// index.ts's lines, but the lab's
async function gateway(): Promise<http.RequestListener> {
  const { readConfig } = await import('../api-gateway/src/config');
  const { gatewayFuture } = await import('../api-gateway/src/chapters');
  const { createClients } = await import('../api-gateway/src/conversion/clients');
  const { createApp } = await import('../api-gateway/src/app');
  const { withReplicas } = await import('@sandbox/launcher');
  const { createLogger } = await import('@sandbox/lab');
  const config = readConfig();
  const future = gatewayFuture(config.future);
  const clients = createClients(config, [future.plugIn, withReplicas()]);
  return createApp(clients, config, createLogger('api-gateway'), undefined, future);
}

async function context(): Promise<http.RequestListener> {
  const app = await gateway();
  const requests = new AsyncLocalStorage<http.IncomingMessage>();
  return (req, res) => requests.run(req, () => app(req, res));
}

const servers = kinds.map((kind, i) => {
  const server = http.createServer();
  void apps[kind]().then((app) => {
    server.on('request', app);
    server.listen(ports[i], '127.0.0.1', () => console.log(`baseline ${kind} listening on ${ports[i]}`));
  });
  return server;
});
// the benchmark's load generator may keep its connections open: they end with the process
process.on('SIGTERM', () => {
  for (const server of servers) server.closeAllConnections();
  void Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() =>
    process.exit(0),
  );
});
