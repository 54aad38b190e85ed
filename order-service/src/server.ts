// Builds order-service's gRPC server (handlers + health + reflection). Listening is index.ts's job,
// so tests can bind the same server to a free port.
import type * as grpc from '@grpc/grpc-js';
import { createGrpcServer, unary, type GrpcService, type Logger } from '@sandbox/protos';
import type { OrderServiceHandlers } from '@sandbox/protos/generated/order/OrderService';
import { createHandlers, type SagaOptions } from './handlers';
import type { Lookups } from './lookups';
import type { OrderStore } from './store';

export interface ServerOptions extends Partial<SagaOptions> {
  log: Logger;
  interceptors?: grpc.ServerInterceptor[]; // cross-cutting work around every call: the lab's (index.ts)
}

export function createServer(store: OrderStore, lookups: Lookups, options: ServerOptions): GrpcService {
  const handlers = createHandlers(store, lookups, options);
  const context = { name: 'order-service', log: options.log };
  const rpcs: OrderServiceHandlers = {
    CreateOrder: unary(handlers.createOrder, context),
    GetOrder: unary(handlers.getOrder, context),
    ListOrders: unary(handlers.listOrders, context),
    CancelOrder: unary(handlers.cancelOrder, context),
    // a server stream: the events kept, then each new one (events/src/index.ts)
    WatchOrders: (call) => store.events.serve(call),
  };
  const service = createGrpcServer({ protoFile: 'order.proto', serviceName: 'order.OrderService', handlers: rpcs, interceptors: options.interceptors });
  return { ...service, endStreams: () => store.events.close() };
}
