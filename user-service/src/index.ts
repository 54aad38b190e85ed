// user-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { createLogger, runGrpcService } from '@sandbox/protos';
import { readConfig } from './config';
import { createSeededStore } from './seed';
import { createServer } from './server';

const config = readConfig();
const log = createLogger('user-service');
const context = { name: 'user-service', log, faults: config.faults } as const;
const service = createServer(createSeededStore(), context);

void runGrpcService(service, {
  name: 'user-service',
  host: config.host,
  port: config.port,
  portVariable: 'USER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
});
