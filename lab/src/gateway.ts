// What the gateway plugs in (api-gateway/src/index.ts): Express middleware before its routes, its
// own routes (/traces…, /lab/…), and a client interceptor around each gRPC client.
import { Router, type RequestHandler } from 'express';
import type { FaultSettings } from './faults';
import { clientInterceptor } from './grpc';
import { checkLabHeaders } from './headers';
import { TraceLog, traceRequests } from './http';
import type { Logger } from './log';
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import { ask, processesRoutes } from './processes-routes';
import { TraceStreams } from './trace-streams';
import { traceRoutes, type VisibleTraces } from './traces-routes';

export { TraceLog, type TraceReport } from './http';

export interface GatewayLabSettings {
  log: Logger;
  faults: FaultSettings;
  traceStreamsMax: number;
  sandboxControl: string | undefined; // npm start's control socket, for the page's buttons
  steps: Record<string, string>; // the diagram step of a route: { 'POST /api/orders': '1–9' }
  visibleTraces?: VisibleTraces; // which traces a request may read (the gateway's auth, lesson 11); all if not given
}

export interface GatewayLab {
  middleware: RequestHandler[]; // before the routes: the trace of each request, its lab headers checked
  routes: Router; // GET /traces…, /lab/…
  clientInterceptors(peer: string): grpc.Interceptor[];
  traceLog: TraceLog;
  // passes a setting changed at run time (AUTH, from /lab/settings) to the services, through npm start's launcher
  tellServices(settings: { auth: string } | { saga: string }): Promise<void>;
}

export function gatewayLab(settings: GatewayLabSettings): GatewayLab {
  const traceLog = new TraceLog(new TraceStreams(settings.traceStreamsMax));
  const routes = Router();
  routes.use('/traces', traceRoutes(traceLog, settings.visibleTraces));
  routes.use('/lab', processesRoutes(settings.sandboxControl));
  return {
    middleware: [traceRequests(settings.log, traceLog, settings.steps), checkLabHeaders(settings.faults)],
    routes,
    clientInterceptors: (peer) => [clientInterceptor('api-gateway', peer)],
    traceLog,
    async tellServices(changed) {
      if (!settings.sandboxControl) {
        throw new GrpcError(grpc.status.FAILED_PRECONDITION, 'this gateway was not started by `npm start`, so it cannot tell the services to switch; start them all with the setting instead');
      }
      const [name, value] = Object.entries(changed)[0];
      const answer = await ask(settings.sandboxControl, 'POST', `/settings/${name}/${encodeURIComponent(value)}`);
      if (answer.status !== 200) throw new GrpcError(grpc.status.UNAVAILABLE, answer.body.error ?? 'the launcher (npm start) did not take the setting');
    },
  };
}
