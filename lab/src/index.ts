// The lab: what the lessons are made of, beside the diagram rather than inside it. Each process
// plugs it in at one place (its index.ts, and the gateway's app.ts): remove those lines and the
// sandbox still works, exactly as the diagram draws it, without traces, step logs, fault injection
// or the fan-out mode. See README.md in this folder.
import type { Interceptor, ServerInterceptor } from '@grpc/grpc-js';
import { Router, type RequestHandler } from 'express';
import { clientInterceptor, serverInterceptor, type LabServiceSettings } from './grpc';
import { checkLabHeaders } from './headers';
import { TraceLog, traceRequests } from './http';
import type { Logger } from './log';
import { processesRoutes } from './processes-routes';
import { TraceStreams } from './trace-streams';
import { traceRoutes } from './traces-routes';
import type { FaultSettings } from './faults';

export { createLogger, printable, type Logger, type LogSettings } from './log';
export type { FaultSettings } from './faults';
export { TraceLog, type TraceReport } from './http';
export type { Span } from './trace';

/** What a gRPC service plugs in: one server interceptor, and one client interceptor per peer it calls. */
export function serviceLab(settings: LabServiceSettings): { serverInterceptors: ServerInterceptor[]; clientInterceptors(peer: string): Interceptor[] } {
  return {
    serverInterceptors: [serverInterceptor(settings)],
    clientInterceptors: (peer) => [clientInterceptor(settings.name, peer)],
  };
}

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

/** What the gateway plugs in: middleware before its routes, its own routes, client interceptors. */
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
