// Builds order-service's gRPC server (handlers + health + reflection). Listening is index.ts's job,
// so tests can bind the same server to a free port.
import { createGrpcServer, unary, type GrpcService, type ServiceContext } from '@sandbox/protos';
import type { OrderServiceHandlers } from '@sandbox/protos/generated/order/OrderService';
import { createHandlers } from './handlers';
import type { Lookups } from './lookups';
import type { OrderStore } from './store';

export function createServer(store: OrderStore, lookups: Lookups, context: ServiceContext): GrpcService {
  const handlers = createHandlers(store, lookups);
  const rpcs: OrderServiceHandlers = {
    CreateOrder: unary(handlers.createOrder, context),
    GetOrder: unary(handlers.getOrder, context),
    ListOrders: unary(handlers.listOrders, context),
  };
  return createGrpcServer({ protoFile: 'order.proto', serviceName: 'order.OrderService', handlers: rpcs });
}
