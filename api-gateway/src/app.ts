// Builds the Express app (DIAGRAM: "API Gateway (Node.js + Express)"): HTTP/REST JSON in front,
// gRPC behind. It only listens when index.ts says so, so tests can start it on a free port.
// Its folders are the gateway box's responsibilities:
//   conversion/   HTTP → gRPC conversion: the gRPC clients, request validation, errors as JSON
//   routing/      request routing: one router per service
//   aggregation/  response aggregation: routes that combine several services' answers
//   graphql/      the same data as one graph, at /graphql: aggregation chosen by the client
//   openapi/      the REST API described for tools (/openapi.json) and people (/docs)
//   future/       the diagram's "Future: Auth, Rate limiting, Caching": switched off by default
import express from 'express';
import path from 'node:path';
import type { GatewayLab } from '@sandbox/lab/src/gateway';
import type { Logger } from '@sandbox/protos';
import type { Config } from './config';
import type { Clients } from './conversion/clients';
import { userOrdersRoutes } from './aggregation/users-orders';
import { errorHandler, unknownRoute } from './conversion/errors';
import { gatewayFuture, type GatewayFuture } from './future';
import { graphqlRoutes } from './graphql';
import { authRoutes } from './future/auth-routes';
import { settingsRoutes } from './future/settings-routes';
import { checkHost } from './host-check';
import { openApiRoutes } from './openapi';
import { eventRoutes } from './routing/events';
import { healthRoutes } from './routing/health';
import { orderRoutes } from './routing/orders';
import { productRoutes } from './routing/products';
import { userRoutes } from './routing/users';

/**
 * `lab`: tracing, fault injection and the page's lab routes (index.ts); without it, just the diagram.
 * `future`: auth, rate limiting and caching (future/index.ts), off unless the config switches them on.
 */
export function createApp(clients: Clients, config: Config, log: Logger, lab?: GatewayLab, future: GatewayFuture = gatewayFuture(config.future)): express.Express {
  const app = express();

  app.disable('x-powered-by');
  // ETags would hash every answer so that a client could get a 304 next time; nobody caches these
  app.set('etag', false);
  // only requests addressed to this machine by a local name (host-check.ts)
  app.use(checkHost(config.allowedHosts));
  // strict: false parses any JSON value, so a body like "hello" or 42 gets the clearer
  // "the body must be a JSON object" from validation.ts rather than "not valid JSON"
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  // the lab: every request traced, its lab headers checked (../lab)
  if (lab) app.use(lab.middleware);
  // DIAGRAM "Future: Auth, Rate limiting, Caching": who is asking, how often, may they, and answers
  // kept (future/index.ts). Each passes every request on while it is switched off.
  app.use('/api', future.middleware);

  // routing: one path prefix per service (DIAGRAM: "Request routing")
  app.use('/api/users', userRoutes(clients));
  app.use('/api/products', productRoutes(clients));
  app.use('/api/orders', orderRoutes(clients));
  // the services' events, as Server-Sent Events (lesson 18)
  app.use('/api/events', eventRoutes(clients));
  // response aggregation: answers built from several services at once (DIAGRAM: "Response aggregation")
  app.use('/api', userOrdersRoutes(clients));
  // GraphQL: one query, the fields it names, from every service it needs (lesson 15); the
  // "Future" middleware applies to it as to /api
  app.use('/graphql', graphqlRoutes(clients, log, future.middleware));
  app.use('/api/auth', authRoutes(clients, future.tokens));
  app.use('/health', healthRoutes(clients, config));
  // the "Future" switches, changed at run time: GET and PATCH /lab/settings
  app.use('/lab/settings', settingsRoutes(future.switches, log, future.announceAuth));
  // the lab's own routes: GET /traces…, and /lab/… for the page's buttons
  if (lab) app.use(lab.routes);
  // the REST API's description: GET /openapi.json, and the reference page GET /docs
  app.use(openApiRoutes());
  // the browser client (DIAGRAM: "Browser"): a static page at http://localhost:3000/
  app.use(express.static(path.join(__dirname, '..', 'public')));

  // the JSON 404 and the error handler go after every route
  app.use(unknownRoute);
  app.use(errorHandler(log));
  return app;
}
