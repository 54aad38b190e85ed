// The gateway as a gRPC client (DIAGRAM: "HTTP → gRPC conversion"): one long-lived client per
// service, made once at start. A route calls them the plain way:
//   const user = await clients.users.GetUser({ id: req.params.id });
// Every call gets the gateway's deadline, and a failure becomes a GrpcError that names the service
// and is safe to show the client; errors.ts turns it into the HTTP answer.
import * as grpc from '@grpc/grpc-js';
import {
  clientOptions,
  deadlineIn,
  loadContract,
  promiseClient,
  toSafeError,
  type PlugIn,
  type PromiseClient,
} from '@sandbox/protos';
import type { HealthClient } from '@sandbox/protos/generated/grpc/health/v1/Health';
import type { OrderServiceClient } from '@sandbox/protos/generated/order/OrderService';
import type { ProductServiceClient } from '@sandbox/protos/generated/product/ProductService';
import type { UserServiceClient } from '@sandbox/protos/generated/user/UserService';
import type { Config } from '../config';

export type ServiceName = 'user-service' | 'product-service' | 'order-service';

export interface Clients {
  users: PromiseClient<UserServiceClient>;
  products: PromiseClient<ProductServiceClient>;
  orders: PromiseClient<OrderServiceClient>;
  // the server streams WatchOrders and WatchStock, as they are: a stream is not a promise
  watch: { orders: OrderServiceClient['WatchOrders']; stock: ProductServiceClient['WatchStock'] };
  // grpc.health.v1 clients, for GET /health
  health: Record<ServiceName, HealthClient>;
  close(): void;
}

/** `plugIns`: work beside the diagram around each call to a service (index.ts). */
export function createClients(config: Config, plugIns: PlugIn[] = []): Clients {
  const contract = loadContract();
  const insecure = grpc.credentials.createInsecure();
  const channel = (peer: ServiceName) => clientOptions(peer, plugIns);
  // the health checks go where the calls go (a service's replicas too), with none of the work around them
  const healthChannel = (peer: ServiceName) => ({ ...clientOptions(peer, plugIns), interceptors: [] });
  const users = new contract.user.UserService(config.userServiceAddr, insecure, channel('user-service'));
  const products = new contract.product.ProductService(config.productServiceAddr, insecure, channel('product-service'));
  const orders = new contract.order.OrderService(config.orderServiceAddr, insecure, channel('order-service'));
  const health = {
    'user-service': new contract.grpc.health.v1.Health(config.userServiceAddr, insecure, healthChannel('user-service')),
    'product-service': new contract.grpc.health.v1.Health(
      config.productServiceAddr,
      insecure,
      healthChannel('product-service'),
    ),
    'order-service': new contract.grpc.health.v1.Health(
      config.orderServiceAddr,
      insecure,
      healthChannel('order-service'),
    ),
  };
  return {
    users: withDeadline(promiseClient(users), 'user-service', config.deadlineMs),
    products: withDeadline(promiseClient(products), 'product-service', config.deadlineMs),
    orders: withDeadline(promiseClient(orders), 'order-service', config.deadlineMs),
    watch: { orders: orders.WatchOrders.bind(orders), stock: products.WatchStock.bind(products) },
    health,
    close() {
      for (const client of [users, products, orders, ...Object.values(health)]) client.close();
    },
  };
}

/** Each call gets a deadline (past it: 504), and fails with an error that names the service. */
function withDeadline<Calls extends object>(calls: Calls, service: ServiceName, deadlineMs: number): Calls {
  type Send = (request: unknown, options?: grpc.CallOptions, metadata?: grpc.Metadata) => Promise<unknown>;
  const withDeadlines: Record<string, Send> = {};
  for (const [method, send] of Object.entries(calls) as Array<[string, Send]>) {
    withDeadlines[method] = (request, options = {}, metadata) => {
      // exercise deadline ▼
      const callOptions = { deadline: deadlineIn(deadlineMs), ...options };
      // exercise deadline ▲
      return send(request, callOptions, metadata).catch((error: unknown) => {
        throw toSafeError(error, service);
      });
    };
  }
  return withDeadlines as Calls;
}
