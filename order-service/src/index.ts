// order-service entry point: read the config, connect to user- and product-service, serve until
// Ctrl-C or SIGTERM. It starts with no orders, so the first order is order "1" as on the diagram.
import { runGrpcService } from '@sandbox/protos';
import { createLogger, serviceLab } from '@sandbox/lab';
import { readConfig } from './config';
import { createLookups } from './lookups';
import { createServer } from './server';
import { OrderStore } from './store';

const config = readConfig();
const log = createLogger('order-service', config.log);
// The lab (traces, step-numbered logs, fault injection, the fan-out mode) plugs in here, around
// every call served and made. Without these interceptors order-service works the same, exactly as
// the diagram draws it.
const lab = serviceLab({ name: 'order-service', log, faults: config.faults });
const lookups = createLookups({ ...config, interceptors: lab.clientInterceptors });
const service = createServer(new OrderStore(), lookups, { log, interceptors: lab.serverInterceptors });

void runGrpcService(service, {
  name: 'order-service',
  host: config.host,
  port: config.port,
  portVariable: 'ORDER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
});
