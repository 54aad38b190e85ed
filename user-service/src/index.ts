// user-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { readConfigOrExit, type PlugIn } from '@sandbox/protos';
import { runGrpcService } from '@sandbox/protos/src/server';
import { gatewayOnly } from '@sandbox/gateway-secret';
import { createLogger, withLab } from '@sandbox/lab';
import { onLauncherMessage, serveAnew, whenLauncherEnds } from '@sandbox/launcher';
import { readConfig } from './config';
import { createSeededStore, seedUsersAt } from './seed';
import { createRpcs, serve } from './server';
import type { IdBlock } from './store';

const config = readConfigOrExit('user-service', readConfig);
const log = createLogger(config.replicaName ?? 'user-service');

// What the chapters beside the diagram add around every call, one line each (remove a line, and
// user-service works the same without it, as the diagram draws it):
const plugIns: PlugIn[] = [
  gatewayOnly(config.auth, 'user-service'), // AUTH=required: only the gateway's calls (lesson 11)
  withLab('user-service', log), // the lab: traces, step-numbered logs, fault injection (lab/)
];

// Everything user-service holds in memory: the seeded users, each user's session key (sessions.ts)
// and the ids its new users get. Made here at start, and made again by each reset (below), with the
// seeded users' passwords hashed once at PASSWORD_HASH_COST (seed.ts).
const seedUsers = seedUsersAt(config.passwordHashCost);
const createState = (newUserIds: IdBlock) =>
  createRpcs(createSeededStore(newUserIds, seedUsers), { log, passwordHashCost: config.passwordHashCost });
const service = serve(createState(config.newUserIds), plugIns);

onLauncherMessage(({ settings, reset, newUserIds }) => {
  // npm start's launcher switches AUTH while the sandbox runs (the page, the CLI)
  if (settings?.auth) config.auth.required = settings.auth === 'required';
  // npm run sandbox -- reset: the seeded users again, with new session keys (every token issued
  // before is refused), in this process (launcher/supervisor.js says why)
  if (reset) serveAnew(service, createState(newUserIds ?? config.newUserIds));
});

void runGrpcService(service, {
  name: config.replicaName ?? 'user-service',
  host: config.host,
  port: config.port,
  portVariable: 'USER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
