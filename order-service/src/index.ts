// order-service entry point: read the config, connect to user- and product-service, serve until
// Ctrl-C or SIGTERM. It starts with no orders, so the first order is order "1" as on the diagram.
import { readConfigOrExit, runGrpcService } from '@sandbox/protos';
import { gatewayOnly, sendGatewaySecret } from '@sandbox/gateway-secret';
import { moveChannels, onLauncherMessage, whenLauncherEnds } from '@sandbox/launcher';
import { createLogger, serviceLab } from '@sandbox/lab';
import { readConfig } from './config';
import { createLookups } from './lookups';
import { createServer } from './server';
import { OrderStore } from './store';

const config = readConfigOrExit('order-service', readConfig);
const log = createLogger('order-service', config.log);
// The lab (traces, step-numbered logs, fault injection, the fan-out mode) plugs in here, around
// every call served and made. Without these interceptors order-service works the same, exactly as
// the diagram draws it.
const lab = serviceLab({ name: 'order-service', log, faults: config.faults });
// AUTH=required (tutorial lesson 11): only calls from the gateway get through, and the lookups carry
// the gateway's secret to user- and product-service. The launcher switches it at run time.
const auth = gatewayOnly(config.auth, 'order-service');
// ORDER_SAGA (lesson 16) too: the saga's steps run from the next order on. And where user- and
// product-service are, when one runs as several replicas (lesson 22): the lookups go to all of them.
onLauncherMessage(({ settings }) => {
  if (settings?.auth) config.auth.required = settings.auth === 'required';
  if (settings?.order_saga) sagaSwitch.on = settings.order_saga === 'on';
  if (settings?.user_service_addr) return moveChannels('user-service', settings.user_service_addr);
  if (settings?.product_service_addr) return moveChannels('product-service', settings.product_service_addr);
  return undefined;
});
const sagaSwitch = { on: config.saga };
const lookups = createLookups({ ...config, interceptors: (peer) => [sendGatewaySecret(config.auth.secret), ...lab.clientInterceptors(peer)] });
const service = createServer(new OrderStore(config.eventsKept), lookups, {
  log,
  interceptors: [auth, ...lab.serverInterceptors],
  saga: sagaSwitch,
  // the saga's payment step, traced and open to x-fault-*: payment=… (lesson 16)
  payment: lab.step('payment', 'Charge', '6b'),
});

void runGrpcService(service, {
  name: 'order-service',
  host: config.host,
  port: config.port,
  portVariable: 'ORDER_SERVICE_PORT',
  shutdownGraceMs: config.shutdownGraceMs,
  log,
}).then((stop) => whenLauncherEnds(() => stop('the end of its launcher')));
