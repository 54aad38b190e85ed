// The gateway as a gRPC client: one long-lived client per service, made once at start, and the
// one helper every route uses to call them.
import * as grpc from '@grpc/grpc-js';
import type { Request } from 'express';
import { CHANNEL_OPTIONS, deadlineIn, GrpcError, loadContract, toSafeError, tracedCall, type MethodName, type RequestOf, type ResponseOf } from '@sandbox/protos';
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

// the client that talks to each service, by the service's name
interface ServiceClients {
  'user-service': UserServiceClient;
  'product-service': ProductServiceClient;
  'order-service': OrderServiceClient;
}

export type Rpc = <S extends ServiceName, M extends MethodName<ServiceClients[S]>>(
  req: Request,
  service: S,
  method: M,
  request: RequestOf<ServiceClients[S], M>,
) => Promise<ResponseOf<ServiceClients[S], M>>;

/**
 * Makes the function routes use to call a service (HTTP → gRPC):
 *   const user = await rpc(req, 'user-service', 'GetUser', { id: req.params.id });
 * Every call gets the gateway's deadline, joins the request's trace (which also carries the
 * x-fault-* headers on as metadata), and is cancelled if the HTTP client hangs up. A failure becomes a GrpcError that names the service and is
 * safe to show the client; errors.ts turns it into the HTTP answer.
 */
export function createRpc(clients: Clients, config: Config): Rpc {
  const byService: ServiceClients = {
    'user-service': clients.users,
    'product-service': clients.products,
    'order-service': clients.orders,
  };
  return async (req, service, method, request) => {
    const { trace, hangUp, calls } = traceOfRequest(req);
    const call = tracedCall(trace, service, byService[service], method, request, { deadline: deadlineIn(config.deadlineMs) }, hangUp);
    calls.add(call);
    try {
      return await call;
    } catch (error) {
      // the client hung up and we cancelled the call: nobody reads this answer (see tracing.ts)
      if (hangUp.aborted) throw new GrpcError(grpc.status.CANCELLED, 'the client closed the request before the answer');
      throw toSafeError(error, service);
    } finally {
      calls.delete(call);
    }
  };
}
