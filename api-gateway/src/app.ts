// Builds the Express app (DIAGRAM: "API Gateway (Node.js + Express)"): HTTP/REST JSON in front,
// gRPC behind. It only listens when index.ts says so, so tests can start it on a free port.
import express from 'express';
import path from 'node:path';
import type { Logger } from '@sandbox/protos';
import { createRpc, type Clients } from './clients';
import type { Config } from './config';
import { errorHandler, unknownRoute } from './errors';
import { checkLabHeaders } from './lab-headers';
import { healthRoutes } from './routes/health';
import { labRoutes } from './routes/lab';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { traceRoutes } from './routes/traces';
import { userRoutes } from './routes/users';
import { checkHost } from './host-check';
import { TraceStreams } from './trace-streams';
import { TraceLog, traceRequests } from './tracing';

export function createApp(clients: Clients, config: Config, log: Logger, traceLog = new TraceLog(new TraceStreams(config.traceStreamsMax))): express.Express {
  const app = express();
  const rpc = createRpc(clients, config);

  app.disable('x-powered-by');
  // Express's default ETag hashes every answer (SHA-1) so that a client could get a 304 next time.
  // Nobody caches these answers, so the gateway skips that work (npm run bench).
  app.set('etag', false);
  // strict: false parses any JSON value, so a body like "hello" or 42 gets the clearer
  // "the body must be a JSON object" from validation.ts rather than "not valid JSON"
  // only requests addressed to this machine by a local name (host-check.ts)
  app.use(checkHost(config.allowedHosts));
  app.use(express.json({ limit: config.bodyLimit, strict: false }));
  app.use(traceRequests(log, traceLog));
  app.use(checkLabHeaders(config.faults));

  // routing: one path prefix per service (DIAGRAM: "Request routing")
  app.use('/api/users', userRoutes(rpc));
  app.use('/api/products', productRoutes(rpc));
  app.use('/api/orders', orderRoutes(rpc));
  app.use('/health', healthRoutes(clients, config));
  app.use('/traces', traceRoutes(traceLog));
  // the lab: the page's stop, start and reset buttons, relayed to npm start's launcher
  app.use('/lab', labRoutes(config.sandboxControl));
  // the browser client (DIAGRAM: "Browser"): a static page at http://localhost:3000/
  app.use(express.static(path.join(__dirname, '..', 'public')));

  // the JSON 404 and the error handler go after every route
  app.use(unknownRoute);
  app.use(errorHandler(log));
  return app;
}
