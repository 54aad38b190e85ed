// What the gateway plugs in (api-gateway/src/index.ts): Express middleware before its routes, its
// own routes (/traces…, /lab/…), and a client interceptor around each gRPC client.
import type { Interceptor } from '@grpc/grpc-js';
import { Router, type RequestHandler } from 'express';
import type { FaultSettings } from './faults';
import { clientInterceptor } from './grpc';
import { checkLabHeaders } from './headers';
import { TraceLog, traceRequests } from './http';
import type { Logger } from './log';
import { processesRoutes } from './processes-routes';
import { TraceStreams } from './trace-streams';
import { traceRoutes } from './traces-routes';

export { TraceLog, type TraceReport } from './http';

export interface GatewayLabSettings {
  log: Logger;
  faults: FaultSettings;
  traceStreamsMax: number;
  sandboxControl: string | undefined; // npm start's control socket, for the page's buttons
  steps: Record<string, string>; // the diagram step of a route: { 'POST /api/orders': '1–9' }
}

export interface GatewayLab {
  middleware: RequestHandler[]; // before the routes: the trace of each request, its lab headers checked
  routes: Router; // GET /traces…, /lab/…
  clientInterceptors(peer: string): Interceptor[];
  traceLog: TraceLog;
}

export function gatewayLab(settings: GatewayLabSettings): GatewayLab {
  const traceLog = new TraceLog(new TraceStreams(settings.traceStreamsMax));
  const routes = Router();
  routes.use('/traces', traceRoutes(traceLog));
  routes.use('/lab', processesRoutes(settings.sandboxControl));
  return {
    middleware: [traceRequests(settings.log, traceLog, settings.steps), checkLabHeaders(settings.faults)],
    routes,
    clientInterceptors: (peer) => [clientInterceptor('api-gateway', peer)],
    traceLog,
  };
}
