// product-service entry point: read the config, seed the store, serve until Ctrl-C or SIGTERM.
import { readConfigOrExit, type PlugIn } from '@sandbox/protos';
import { runGrpcService } from '@sandbox/protos/src/server';
import { gatewayOnly, passGatewaySecret } from '@sandbox/gateway-secret';
import { createLogger, withLab } from '@sandbox/lab';
import { onLauncherMessage, serveAnew, whenLauncherEnds } from '@sandbox/launcher';
import { readConfig } from './config';
import { createSeededStore } from './seed';
import { createRpcs, serve, type Chapter } from './server';
import { connectToOrderService, productStock } from './stock';

const config = readConfigOrExit('product-service', readConfig);
const log = createLogger(config.replicaName ?? 'product-service');

// What the chapters beside the diagram add around every call, one line each (remove a line, and
// product-service works the same without it, as the diagram draws it):
const plugIns: PlugIn[] = [
  gatewayOnly(config.auth, 'product-service'), // AUTH=required: only the gateway's calls (lesson 11)
  passGatewaySecret(config.auth), // … and the secret along with its own calls (following order-service's events)
  withLab('product-service', log), // the lab: traces, step-numbered logs, fault injection (lab/)
];
// its connection to order-service, whose events it follows: no data in it, so a reset keeps it
const orderService = connectToOrderService(config.orderServiceAddr, plugIns);

// Everything product-service holds in memory: the seed data, and its chapters' reservations, leases,
// events and the follower of order-service's events. Made here at start, and made again by each
// reset (below).
function createState() {
  const store = createSeededStore();
  // The later lessons' chapters, each a folder of its own (remove the line, and its RPCs are gone;
  // GetProduct answers the diagram's order as drawn):
  const chapters: Chapter[] = [
    // lessons 16–18: stock held per order under a lease, WatchStock, and a cancelled order's stock
    // given back when order-service says so (choreography) (src/stock/)
    productStock(store, {
      leaseMs: config.reservationTtlMs,
      eventsKept: config.eventsKept,
      follow: { orderService, log },
    }),
  ];
  return createRpcs(store, { log, chapters });
}
const service = serve(createState(), plugIns);

onLauncherMessage(({ settings, reset }) => {
  // npm start's launcher switches AUTH while the sandbox runs (the page, the CLI)
  if (settings?.auth) config.auth.required = settings.auth === 'required';
  // npm run sandbox -- reset: the seed data again, in this process (launcher/supervisor.js says why)
  if (reset) serveAnew(service, createState());
});

void runGrpcService(service, {
  name: config.replicaName ?? 'product-service',
  host: config.host,
  port: config.port,
  portVariable: 'PRODUCT_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
