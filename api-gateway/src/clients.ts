// The gateway as a gRPC client: one long-lived client per service, made once at start, and the
// one helper every route uses to call them.
import * as grpc from '@grpc/grpc-js';
import type { Request } from 'express';
import { CHANNEL_OPTIONS, deadlineIn, loadContract, toSafeError, tracedCall } from '@sandbox/protos';
import type { HealthClient } from '@sandbox/protos/generated/grpc/health/v1/Health';
import type { OrderServiceClient } from '@sandbox/protos/generated/order/OrderService';
import type { ProductServiceClient } from '@sandbox/protos/generated/product/ProductService';
import type { UserServiceClient } from '@sandbox/protos/generated/user/UserService';
import type { Config } from './config';
import { traceOfRequest } from './tracing';

export type ServiceName = 'user-service' | 'product-service' | 'order-service';

export interface Clients {
  users: UserServiceClient;
  products: ProductServiceClient;
  orders: OrderServiceClient;
  // grpc.health.v1 clients, for GET /health
  health: Record<ServiceName, HealthClient>;
  close(): void;
}

export function createClients(config: Config): Clients {
  const contract = loadContract();
  const insecure = grpc.credentials.createInsecure();
  const addresses: Record<ServiceName, string> = {
    'user-service': config.userServiceAddr,
    'product-service': config.productServiceAddr,
    'order-service': config.orderServiceAddr,
  };
  const healthClient = (name: ServiceName) => new contract.grpc.health.v1.Health(addresses[name], insecure, CHANNEL_OPTIONS);
  const all = {
    users: new contract.user.UserService(addresses['user-service'], insecure, CHANNEL_OPTIONS),
    products: new contract.product.ProductService(addresses['product-service'], insecure, CHANNEL_OPTIONS),
    orders: new contract.order.OrderService(addresses['order-service'], insecure, CHANNEL_OPTIONS),
    health: {
      'user-service': healthClient('user-service'),
      'product-service': healthClient('product-service'),
      'order-service': healthClient('order-service'),
    },
  };
  return {
    ...all,
    close() {
      for (const client of [all.users, all.products, all.orders, ...Object.values(all.health)]) client.close();
    },
  };
}

export type StartCall<Response> = (
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  done: (error: grpc.ServiceError | null, response?: Response) => void,
) => grpc.ClientUnaryCall;

export type Rpc = <Response>(req: Request, service: ServiceName, start: StartCall<Response>) => Promise<Response>;

/**
 * Makes the function routes use to call a service (HTTP → gRPC):
 *   const user = await rpc<User__Output>(req, 'user-service', (metadata, options, done) =>
 *     clients.users.getUser({ id }, metadata, options, done));
 * Every call gets the gateway's deadline and joins the request's trace (which also carries the
 * x-fault-* headers on as metadata). A failure becomes a GrpcError that names the service and is
 * safe to show the client; errors.ts turns it into the HTTP answer.
 */
export function createRpc(config: Config): Rpc {
  return async <Response>(req: Request, service: ServiceName, start: StartCall<Response>) => {
    try {
      return await tracedCall<Response>(traceOfRequest(req), service, { deadline: deadlineIn(config.deadlineMs) }, start);
    } catch (error) {
      throw toSafeError(error, service);
    }
  };
}
