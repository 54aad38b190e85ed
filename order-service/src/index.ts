// order-service entry point: read the config, connect to user- and product-service, serve until
// Ctrl-C or SIGTERM. It starts with no orders, so the first order is order "1" as on the diagram.
import { createLogger, runGrpcService } from '@sandbox/protos';
import { readConfig } from './config';
import { createLookups } from './lookups';
import { createServer } from './server';
import { OrderStore } from './store';

const config = readConfig();
const log = createLogger('order-service');
const context = { name: 'order-service', log, faults: config.faults } as const;
const lookups = createLookups(config);
const service = createServer(new OrderStore(), lookups, context);

void runGrpcService(service, {
  name: 'order-service',
  host: config.host,
  port: config.port,
  portVariable: 'ORDER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
});
