// api-gateway entry point: read the config, connect to the three services, serve HTTP until
// Ctrl-C or SIGTERM.
import http from 'node:http';
import { createLogger } from '@sandbox/lab';
import { gatewayLab } from '@sandbox/lab/src/gateway';
import * as grpc from '@grpc/grpc-js';
import { exitAfterFlush, GrpcError, isEveryInterface, readConfigOrExit, type PlugIn } from '@sandbox/protos';
import {
  launcherControl,
  moveChannels,
  onLauncherMessage,
  tellServices,
  whenLauncherEnds,
  withReplicas,
} from '@sandbox/launcher';
import { createApp } from './app';
import { readConfig } from './config';
import { createClients } from './conversion/clients';
import { gatewayFuture } from './chapters';
import { closeEventStreams } from './events';

const config = readConfigOrExit('api-gateway', readConfig);
const log = createLogger('api-gateway');
// The diagram's "Future" (auth, rate limiting, caching; off by default: chapters.ts). An AUTH or
// ORDER_SAGA switch at run time reaches the services through npm start's launcher; the page's open
// streams (traces, events) end then, to be followed again as the new setting allows.
const future = gatewayFuture(config.future, launcherControl() ? announce : undefined);
async function announce(change: { auth: string } | { saga: string }): Promise<void> {
  await tellServices(change).catch((error: Error) =>
    Promise.reject(new GrpcError(grpc.status.UNAVAILABLE, error.message)),
  );
  if ('auth' in change) {
    lab.traceLog.streams.closeAll();
    closeEventStreams();
  }
}
// The lab (traces, step-numbered logs, fault injection, the page's trace stream and buttons), on one
// line: app.ts mounts its middleware and routes, the clients take its interceptors. Without it the
// gateway works the same, exactly as the diagram draws it. Auth says which traces a request may
// read, and how long and how many trace streams its client may hold (lesson 11). The lab reads its
// own settings (TRACES_PER_SECOND, …: lab/src/settings.ts); a wrong one stops the start with one line.
const lab = readConfigOrExit('api-gateway', () =>
  gatewayLab(log, {
    steps: { 'POST /api/orders': '1–9' },
    visibleTraces: future.visibleTraces,
    streams: future.auth.streams,
  }),
); // DIAGRAM steps 1 and 9
// What the chapters beside the diagram add around every gRPC call the gateway makes, one line each:
const plugIns: PlugIn[] = [
  future.plugIn, // the sandbox's secret, the request's user (lesson 11), an order forgets its cached product (13)
  withReplicas(), // a service run as several replicas (lesson 22)
  lab.plugIn, // the lab: the trace passed on, a span per call
];
const clients = createClients(config, plugIns);
const app = createApp(clients, config, log, lab, future);
// `npm run sandbox -- reset` (or the page's button) brought back the seed data: forget cached
// answers and the traces (their users' ids will be someone else's), and end now the open streams
// whose token no longer holds. `npm run sandbox -- scale` (lesson 22): a service runs as several
// replicas now, or one again; the calls to it go to all of them.
onLauncherMessage(({ reset, settings }) => {
  if (reset) {
    future.cache.clear();
    lab.traceLog.clear();
    future.auth.streams.checkAll();
  }
  if (settings?.user_service_addr)
    return moveChannels('user-service', settings.user_service_addr, (late) => log.warn(late));
  if (settings?.product_service_addr)
    return moveChannels('product-service', settings.product_service_addr, (late) => log.warn(late));
  return undefined;
});

const server = http.createServer(app);
server.listen({ port: config.port, host: config.host }, () => {
  log.info(`api-gateway listening on http://localhost:${config.port}`);
  if (isEveryInterface(config.host)) {
    log.warn(
      `api-gateway listens on every interface (GATEWAY_HOST=${config.host}): anyone on this network can reach it, change its data and inject faults`,
    );
  }
});

server.once('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    log.fatal(
      `api-gateway: port ${config.port} is already in use; stop what uses it or set GATEWAY_PORT to another port`,
    );
  } else {
    log.fatal({ err: error }, 'api-gateway could not start');
  }
  exitAfterFlush(log, 1);
});

// Stop taking new requests, let those in flight finish (up to the grace period), then exit 0.
let stopping = false;
function shutDown(signal: string): void {
  if (stopping) return;
  stopping = true;
  log.info(`api-gateway received ${signal}, finishing requests in flight`);
  // open trace streams (the browser page) never finish by themselves: end them first
  lab.traceLog.streams.closeAll();
  closeEventStreams();
  const force = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
  // close() only drops connections idle at this moment; a keep-alive connection whose request
  // finishes later would hold the exit for seconds, so keep closing the idle ones
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.close(() => {
    clearTimeout(force);
    clearInterval(sweep);
    clients.close();
    log.info('api-gateway stopped');
    exitAfterFlush(log, 0);
  });
}
process.on('SIGINT', () => shutDown('SIGINT'));
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGHUP', () => shutDown('SIGHUP'));
whenLauncherEnds(() => shutDown('the end of its launcher'));
