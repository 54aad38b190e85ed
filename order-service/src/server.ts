// Builds order-service's gRPC server (handlers + health + reflection). Listening is index.ts's job,
// so tests can bind the same server to a free port.
import { createGrpcServer, runStep, unary, type GrpcService, type Logger, type PlugIn } from '@sandbox/protos';
import type { OrderServiceHandlers } from '@sandbox/protos/generated/order/OrderService';
import { createHandlers, type SagaOptions } from './handlers';
import type { Lookups } from './lookups';
import type { OrderStore } from './store';

export interface ServerOptions extends Partial<SagaOptions> {
  log: Logger;
  plugIns?: PlugIn[]; // work beside the diagram around every call: the lab's, the secret's (index.ts)
}

export function createServer(store: OrderStore, lookups: Lookups, options: ServerOptions): GrpcService {
  // the saga's payment (lesson 16), a step of order-service's own: the plug-ins may wrap it (the lab traces it as 6b)
  const payment: SagaOptions['payment'] = (call, work) => runStep(options.plugIns ?? [], call, 'payment', 'Charge', '6b', work);
  const handlers = createHandlers(store, lookups, { payment, ...options });
  const context = { name: 'order-service', log: options.log };
  const rpcs: OrderServiceHandlers = {
    CreateOrder: unary(handlers.createOrder, context),
    GetOrder: unary(handlers.getOrder, context),
    ListOrders: unary(handlers.listOrders, context),
    CancelOrder: unary(handlers.cancelOrder, context),
    // a server stream: the events kept, then each new one (events/src/index.ts)
    WatchOrders: (call) => store.events.serve(call),
  };
  const service = createGrpcServer({ protoFile: 'order.proto', serviceName: 'order.OrderService', handlers: rpcs, plugIns: options.plugIns });
  return { ...service, endStreams: () => store.events.close() };
}
