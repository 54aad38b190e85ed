// product-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { readConfigOrExit, runGrpcService } from '@sandbox/protos';
import { gatewayOnly, sendGatewaySecret } from '@sandbox/gateway-secret';
import { onLauncherMessage, whenLauncherEnds } from '@sandbox/launcher';
import { createLogger, serviceLab } from '@sandbox/lab';
import { readConfig } from './config';
import { followOrderEvents } from './order-events';
import { createSeededStore } from './seed';
import { createServer } from './server';

const config = readConfigOrExit('product-service', readConfig);
const log = createLogger(config.replicaName ?? 'product-service', config.log);
// The lab (traces, step-numbered logs, fault injection) plugs in here, around every call. Without
// these interceptors the service works the same, exactly as the diagram draws it.
const lab = serviceLab({ name: 'product-service', replica: config.replicaName, log, faults: config.faults });
// AUTH=required (tutorial lesson 11): only calls from the gateway get through, checked before the
// lab's interceptors see them. The launcher switches it at run time (the page, the CLI).
const auth = gatewayOnly(config.auth, 'product-service');
onLauncherMessage(({ settings }) => settings?.auth && (config.auth.required = settings.auth === 'required'));
const service = createServer(createSeededStore(), { log, interceptors: [auth, ...lab.serverInterceptors], reservationTtlMs: config.reservationTtlMs, eventsKept: config.eventsKept });
// Choreography (lesson 17): a cancelled order's stock comes back when order-service says so.
followOrderEvents(service.stock, { orderServiceAddr: config.orderServiceAddr, log, interceptors: [sendGatewaySecret(config.auth.secret)] });

void runGrpcService(service, {
  name: config.replicaName ?? 'product-service',
  host: config.host,
  port: config.port,
  portVariable: 'PRODUCT_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
