// Builds the Express app (DIAGRAM: "API Gateway (Node.js + Express)"): HTTP/REST JSON in front,
// gRPC behind. It only listens when index.ts says so, so tests can start it on a free port.
// The diagram's gateway box is two folders:
//   conversion/   HTTP → gRPC conversion: the gRPC clients, request validation, errors as JSON
//   routing/      request routing: one router per service, and GET /health
// Each chapter after the diagram is a folder of its own, with a README, plugged in at one line of
// createApp: aggregation/, graphql/, openapi/, auth/, rate-limit/, cache/, events/, settings/ (the
// chapters' switches).
import express, { Router, type ErrorRequestHandler } from 'express';
import path from 'node:path';
import type { GatewayLab } from '@sandbox/lab/src/gateway';
import type { Logger } from '@sandbox/protos';
import { plugAggregation } from './aggregation';
import { plugAuth } from './auth';
import { plugCache } from './cache';
import { gatewayFuture, type GatewayFuture } from './chapters';
import type { Config } from './config';
import type { Clients } from './conversion/clients';
import { errorHandler, unknownRoute } from './conversion/errors';
import { refuseCrossSite, refuseFraming } from './cross-site';
import { plugEvents } from './events';
import { plugGraphql } from './graphql';
import { checkHost } from './host-check';
import { plugOpenApi } from './openapi';
import { plugRateLimit } from './rate-limit';
import { healthRoutes } from './routing/health';
import { orderRoutes } from './routing/orders';
import { productRoutes } from './routing/products';
import { userRoutes } from './routing/users';
import { plugSettings } from './settings';

/** Where a chapter plugs in: Express routers, each mounted at its place in createApp. */
export interface PlugPoints {
  first: Router; // before anything else
  beforeBody: Router; // the request known to come from here, its body not read yet
  beforeRoutes: Router; // the body read, before any route
  routes: Router; // beside the diagram's routes
  // error middleware, before the one that answers; Express passes errors to functions only, not
  // to a router, so createApp mounts each of these itself, once the chapters have plugged in
  errors: ErrorRequestHandler[];
}

/**
 * `lab`: tracing, fault injection and the page's lab routes (index.ts); without it, just the diagram.
 * `future`: what the chapters hold (chapters.ts): auth, rate limiting and caching, off unless the
 * config switches them on.
 */
export function createApp(
  clients: Clients,
  config: Config,
  log: Logger,
  lab?: GatewayLab,
  future: GatewayFuture = gatewayFuture(config.future),
): express.Express {
  const app = express();
  const plugs: PlugPoints = {
    first: Router(),
    beforeBody: Router(),
    beforeRoutes: Router(),
    routes: Router(),
    errors: [],
  };

  app.disable('x-powered-by');
  // ETags would hash every answer so that a client could get a 304 next time; nobody caches these
  app.set('etag', false);
  // plug point: before anything can refuse a request (graphql: its errors' shape)
  app.use(plugs.first);
  // no other site may show these pages in a frame (cross-site.ts)
  app.use(refuseFraming);
  // only requests addressed to this machine by a local name (host-check.ts)
  app.use(checkHost(config.allowedHosts));
  // the lab: every request traced, its lab headers checked (../lab)
  if (lab) app.use(lab.middleware);
  // no changes sent by another site's page in the same browser (cross-site.ts); traced, so the
  // page shows the attempt
  app.use(refuseCrossSite);
  // plug point: before the body is read (auth: who is asking; the sandbox's controls guarded)
  app.use(plugs.beforeBody);
  // strict: false parses any JSON value, so a body like "hello" or 42 gets the clearer
  // "the body must be a JSON object" from validation.ts rather than "not valid JSON"
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  // plug point: before the routes (the GraphQL page, then rate limit, authorize, cache)
  app.use(plugs.beforeRoutes);

  // routing: one path prefix per service (DIAGRAM: "Request routing")
  app.use('/api/users', userRoutes(clients));
  app.use('/api/products', productRoutes(clients));
  app.use('/api/orders', orderRoutes(clients));
  app.use('/health', healthRoutes(clients, config));
  // plug point: the chapters' routes
  app.use(plugs.routes);
  // the lab's own routes: GET /traces…, and /lab/… for the page's buttons
  if (lab) app.use(lab.routes);
  // the browser client (DIAGRAM: "Browser"): a static page at http://localhost:3000/
  app.use(express.static(path.join(__dirname, '..', 'public')));

  // The chapters, one line each; each folder's README says what it plugs in where. At a plug point,
  // a line's middleware runs after those of the lines above it: the GraphQL page first, open to all;
  // rate limiting before authorization, whose rules may look an order up; the cache after it, so a
  // user who may not see an answer never gets it from the cache either.
  plugGraphql(plugs, clients, log, future.auth.accessOf); // graphql/: /graphql, lesson 15
  plugRateLimit(plugs, future.switches); // rate-limit/: RATE_LIMIT, lesson 12
  plugAuth(plugs, clients, future.auth); // auth/: AUTH, lesson 11
  plugCache(plugs, clients, future.cache); // cache/: CACHE_TTL_MS, lesson 13
  plugAggregation(plugs, clients); // aggregation/: GET /api/users/:id/orders, lesson 14
  plugEvents(plugs, clients, future.auth.streams); // events/: GET /api/events, lesson 18
  plugSettings(plugs, future.switches, log, future.announceAuth); // settings/: /lab/settings
  plugOpenApi(plugs); // openapi/: /openapi.json, /docs

  // the JSON 404 and the error handler go after every route
  app.use(unknownRoute);
  // plug point: errors, before they are answered (auth: a 401 says how to authenticate)
  for (const handleError of plugs.errors) app.use(handleError);
  app.use(errorHandler(log));
  return app;
}
