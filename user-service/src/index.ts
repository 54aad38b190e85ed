// user-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { readConfigOrExit, runGrpcService } from '@sandbox/protos';
import { gatewayOnly } from '@sandbox/gateway-secret';
import { onLauncherMessage, whenLauncherEnds } from '@sandbox/launcher';
import { createLogger, serviceLab } from '@sandbox/lab';
import { readConfig } from './config';
import { createSeededStore } from './seed';
import { createServer } from './server';

const config = readConfigOrExit('user-service', readConfig);
const log = createLogger(config.replicaName ?? 'user-service', config.log);
// The lab (traces, step-numbered logs, fault injection) plugs in here, around every call. Without
// these interceptors the service works the same, exactly as the diagram draws it.
const lab = serviceLab({ name: 'user-service', replica: config.replicaName, log, faults: config.faults });
// AUTH=required (tutorial lesson 11): only calls from the gateway get through, checked before the
// lab's interceptors see them. The launcher switches it at run time (the page, the CLI).
const auth = gatewayOnly(config.auth, 'user-service');
onLauncherMessage(({ settings }) => settings?.auth && (config.auth.required = settings.auth === 'required'));
const service = createServer(createSeededStore(), { log, interceptors: [auth, ...lab.serverInterceptors] });

void runGrpcService(service, {
  name: config.replicaName ?? 'user-service',
  host: config.host,
  port: config.port,
  portVariable: 'USER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
