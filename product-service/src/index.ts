// product-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { readConfigOrExit, runGrpcService, type PlugIn } from '@sandbox/protos';
import { gatewayOnly, passGatewaySecret } from '@sandbox/gateway-secret';
import { createLogger, withLab } from '@sandbox/lab';
import { onLauncherMessage, whenLauncherEnds } from '@sandbox/launcher';
import { readConfig } from './config';
import { followOrderEvents } from './order-events';
import { createSeededStore } from './seed';
import { createServer } from './server';

const config = readConfigOrExit('product-service', readConfig);
const log = createLogger(config.replicaName ?? 'product-service');

// What the chapters beside the diagram add around every call, one line each (remove a line, and
// product-service works the same without it, as the diagram draws it):
const plugIns: PlugIn[] = [
  gatewayOnly(config.auth, 'product-service'), // AUTH=required: only the gateway's calls (lesson 11)
  passGatewaySecret(config.auth), // … and the secret along with its own calls (following order-service's events)
  withLab('product-service', log), // the lab: traces, step-numbered logs, fault injection (lab/)
];
const service = createServer(createSeededStore(), { log, plugIns, reservationTtlMs: config.reservationTtlMs, eventsKept: config.eventsKept });
// Choreography (lesson 17): a cancelled order's stock comes back when order-service says so.
followOrderEvents(service.stock, { orderServiceAddr: config.orderServiceAddr, log, plugIns });

// npm start's launcher switches AUTH while the sandbox runs (the page, the CLI)
onLauncherMessage(({ settings }) => settings?.auth && (config.auth.required = settings.auth === 'required'));

void runGrpcService(service, {
  name: config.replicaName ?? 'product-service',
  host: config.host,
  port: config.port,
  portVariable: 'PRODUCT_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
