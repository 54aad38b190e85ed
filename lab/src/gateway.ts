// What the gateway plugs in, on one line (api-gateway/src/index.ts): Express middleware before its
// routes, its own routes (/traces…, /lab/…), and a client interceptor around each gRPC client.
import { Router, type RequestHandler } from 'express';
import { clientInterceptor } from './grpc';
import { checkLabHeaders } from './headers';
import { TraceLog, traceRequests } from './http';
import type { Logger } from './log';
import type { PlugIn } from '@sandbox/protos';
import { processesRoutes } from './processes-routes';
import { TraceSampler } from './sampling';
import { faultSettings, tracesPerSecond, traceStreamsMax } from './settings';
import { TraceStreams } from './trace-streams';
import { traceRoutes, type StreamRules, type VisibleTraces } from './traces-routes';

export { TraceLog, type TraceReport } from './http';

export interface GatewayLabOptions {
  steps: Record<string, string>; // the diagram step of a route: { 'POST /api/orders': '1–9' }
  visibleTraces?: VisibleTraces; // which traces a request may read (the gateway's auth, lesson 11); all if not given
  streams?: StreamRules; // how long a trace stream lasts, and how many one client may hold (the same); as long as it likes if not given
}

export interface GatewayLab {
  plugIn: PlugIn; // around each gRPC call the gateway makes: the trace passed on, a span per call
  middleware: RequestHandler[]; // before the routes: the trace of each request, its lab headers checked
  routes: Router; // GET /traces…, /lab/…
  traceLog: TraceLog;
}

/** The gateway's lab; its settings (FAULT_*, TRACE_STREAMS_MAX, TRACES_PER_SECOND) from the environment (settings.ts). */
export function gatewayLab(log: Logger, options: GatewayLabOptions, env: NodeJS.ProcessEnv = process.env): GatewayLab {
  const traceLog = new TraceLog(new TraceStreams(traceStreamsMax(env)));
  const perSecond = tracesPerSecond(env); // Infinity: TRACES_PER_SECOND=all, every request traced
  // each second with untraced requests is said to the pages following the traces, too
  const sampler = Number.isFinite(perSecond)
    ? new TraceSampler(perSecond, log, (count) => traceLog.streams.untraced(count))
    : undefined;
  const routes = Router();
  routes.use('/traces', traceRoutes(traceLog, options.visibleTraces, options.streams));
  routes.use('/lab', processesRoutes());
  return {
    plugIn: { clientInterceptors: (peer) => [clientInterceptor('api-gateway', peer)] },
    middleware: [traceRequests(log, traceLog, options.steps, sampler), checkLabHeaders(faultSettings(env))],
    routes,
    traceLog,
  };
}
