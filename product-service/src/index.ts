// product-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { createLogger, runGrpcService } from '@sandbox/protos';
import { readConfig } from './config';
import { createSeededStore } from './seed';
import { createServer } from './server';

const config = readConfig();
const log = createLogger('product-service');
const context = { name: 'product-service', log, faults: config.faults } as const;
const service = createServer(createSeededStore(), context);

void runGrpcService(service, {
  name: 'product-service',
  host: config.host,
  port: config.port,
  portVariable: 'PRODUCT_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
});
