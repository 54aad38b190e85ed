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
import { graphqlPage, graphqlRoutes } from './graphql';
import { authRoutes } from './future/auth-routes';
import { settingsRoutes } from './future/settings-routes';
import { refuseCrossSite, refuseFraming } from './cross-site';
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
  const { identify, guardLab, rateLimit, authorize, cache } = future.middleware(clients);

  app.disable('x-powered-by');
  // ETags would hash every answer so that a client could get a 304 next time; nobody caches these
  app.set('etag', false);
  // no other site may show these pages in a frame (cross-site.ts)
  app.use(refuseFraming);
  // only requests addressed to this machine by a local name (host-check.ts)
  app.use(checkHost(config.allowedHosts));
  // the lab: every request traced, its lab headers checked (../lab)
  if (lab) app.use(lab.middleware);
  // no changes sent by another site's page in the same browser (cross-site.ts); traced, so the
  // page shows the attempt
  app.use(refuseCrossSite);
  // DIAGRAM "Future: Auth": who is asking, and, for the sandbox's own controls (the lab's
  // buttons and settings, the traces), whether they may: decided before the body is read
  app.use(identify);
  app.use(['/lab', '/traces'], guardLab);
  // strict: false parses any JSON value, so a body like "hello" or 42 gets the clearer
  // "the body must be a JSON object" from validation.ts rather than "not valid JSON"
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  // the GraphQL page, for a browser that opens /graphql: a page like the others, open to all
  app.use('/graphql', graphqlPage());
  // DIAGRAM "Future: Rate limiting, Auth, Caching": how often, may they, and answers kept
  // (future/index.ts). Each passes every request on while it is switched off.
  app.use(['/api', '/graphql'], rateLimit);
  app.use(authorize);
  app.use('/api', cache);

  // routing: one path prefix per service (DIAGRAM: "Request routing")
  app.use('/api/users', userRoutes(clients));
  app.use('/api/products', productRoutes(clients));
  app.use('/api/orders', orderRoutes(clients));
  // the services' events, as Server-Sent Events (lesson 18)
  app.use('/api/events', eventRoutes(clients));
  // response aggregation: answers built from several services at once (DIAGRAM: "Response aggregation")
  app.use('/api', userOrdersRoutes(clients));
  // GraphQL: one query, the fields it names, from every service it needs (lesson 15); what each
  // user may see is decided field by field (future/policy.ts)
  app.use('/graphql', graphqlRoutes(clients, log, future.accessOf));
  app.use('/api/auth', authRoutes(clients, future.tokens, future.throttle));
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
