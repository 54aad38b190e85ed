// order-service entry point: read the config, connect to user- and product-service, serve until
// Ctrl-C or SIGTERM. It starts with no orders, so the first order is order "1" as on the diagram.
import { readConfigOrExit, type PlugIn } from '@sandbox/protos';
import { runGrpcService } from '@sandbox/protos/src/server';
import { gatewayOnly, passGatewaySecret } from '@sandbox/gateway-secret';
import { createLogger, withLab } from '@sandbox/lab';
import { moveChannels, onLauncherMessage, serveAnew, whenLauncherEnds, withReplicas } from '@sandbox/launcher';
import { readConfig } from './config';
import { orderEvents } from './events';
import { createLookups } from './lookups';
import { orderSaga } from './saga';
import { createStockCalls } from './saga/stock';
import { createRpcs, serve, type Chapter } from './server';
import { OrderStore } from './store';

const config = readConfigOrExit('order-service', readConfig);
const log = createLogger('order-service');

// What the chapters beside the diagram add around every call, one line each (remove a line, and
// order-service works the same without it, as the diagram draws it):
const plugIns: PlugIn[] = [
  gatewayOnly(config.auth, 'order-service'), // AUTH=required: only the gateway's calls (lesson 11)
  passGatewaySecret(config.auth), // … and the secret along with the lookups
  withReplicas(), // user- and product-service as several replicas (lesson 22)
  withLab('order-service', log), // the lab: traces, step-numbered logs, fault injection (lab/)
];
// its connections to user- and product-service: no data in them, so a reset keeps them
const lookups = createLookups(config, plugIns);
const stockCalls = createStockCalls(config, plugIns);

// Everything order-service holds in memory: its orders, their events and payments. Made here at
// start, and made again by each reset (below).
function createState() {
  const store = new OrderStore();
  // The later lessons' chapters, each a folder of its own, one line each (remove a line, and its RPCs
  // are gone; the diagram's order is made as drawn):
  const chapters: Chapter[] = [
    orderEvents(store, config.eventsKept), // lesson 18: order.created, order.confirmed, … on WatchOrders (src/events/)
    orderSaga(store, lookups, stockCalls, { saga: config.saga, plugIns, log }), // lessons 16–17: ORDER_SAGA, CancelOrder (src/saga/)
  ];
  return createRpcs(store, lookups, { log, chapters });
}
const service = serve(createState(), plugIns);

// npm start's launcher switches AUTH and ORDER_SAGA while the sandbox runs (the page, the CLI),
// says where user- and product-service are when one runs as several replicas (lesson 22), and
// resets the sandbox (npm run sandbox -- reset: no orders again, in this process; launcher/supervisor.js says why)
onLauncherMessage(({ settings, reset }) => {
  if (settings?.auth) config.auth.required = settings.auth === 'required';
  if (settings?.order_saga) config.saga.on = settings.order_saga === 'on';
  if (reset) serveAnew(service, createState());
  if (settings?.user_service_addr)
    return moveChannels('user-service', settings.user_service_addr, (late) => log.warn(late));
  if (settings?.product_service_addr)
    return moveChannels('product-service', settings.product_service_addr, (late) => log.warn(late));
  return undefined;
});

void runGrpcService(service, {
  name: 'order-service',
  host: config.host,
  port: config.port,
  portVariable: 'ORDER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
