// order-service as a gRPC *client*: the two lookups of DIAGRAM steps 3a and 3b. One long-lived
// client per service, made at start: a channel per request would reconnect every time.
import * as grpc from '@grpc/grpc-js';
import {
  clientOptions,
  GrpcError,
  loadContract,
  promiseClient,
  stepMetadata,
  toSafeError,
  type PlugIn,
} from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { User__Output } from '@sandbox/protos/generated/user/User';

type IncomingCall = grpc.ServerUnaryCall<unknown, unknown>;

export interface Lookups {
  getUser(id: string, parent: IncomingCall): Promise<User__Output>;
  getProduct(id: string, parent: IncomingCall): Promise<Product__Output>;
  close(): void;
}

export interface LookupOptions {
  userServiceAddr: string;
  productServiceAddr: string;
  lookupDeadlineMs: number;
}

/** `plugIns`: work beside the diagram around each call (index.ts). */
export function createLookups(options: LookupOptions, plugIns: PlugIn[] = []): Lookups {
  const contract = loadContract();
  const credentials = grpc.credentials.createInsecure();
  const userClient = new contract.user.UserService(
    options.userServiceAddr,
    credentials,
    clientOptions('user-service', plugIns),
  );
  const productClient = new contract.product.ProductService(
    options.productServiceAddr,
    credentials,
    clientOptions('product-service', plugIns),
  );
  const users = promiseClient(userClient);
  const products = promiseClient(productClient);

  return {
    // DIAGRAM step 3a: gRPC GetUser(id) → step 4a: the user
    getUser: (id, parent) =>
      users
        .GetUser({ id }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('3a', '4a'))
        .catch(failure('user-service')),

    // DIAGRAM step 3b: gRPC GetProduct(id) → step 4b: the product
    getProduct: (id, parent) =>
      products
        .GetProduct({ id }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('3b', '4b'))
        .catch(failure('product-service')),

    close() {
      userClient.close();
      productClient.close();
    },
  };
}

// a failed lookup, in words safe to pass on to our caller: "user 42 not found", "user-service is unavailable"
export const failure =
  (service: string) =>
  (error: unknown): never => {
    throw toSafeError(error, service);
  };

// Finish this much before the caller's deadline: 10% of the time left, at least 100 ms. The caller
// starts its clock before the call travels here, so a slow first call eats into a fixed margin.
const marginMs = (remainingMs: number) => Math.max(100, remainingMs * 0.1);
// Less time than this for a lookup on loopback is no fair chance to answer.
const MIN_LOOKUP_MS = 20;

/**
 * `parent`: the call being served, so the lookups are cancelled if it is (grpc-js passes the
 * cancellation on). The deadline: our own, or a little before our caller's, whichever comes first;
 * finishing before the gateway gives up lets us tell it *which* lookup was too slow. If there is no
 * time left for a lookup, order-service itself was the slow one, and says so. Exported: any other
 * call order-service makes on the way of an order is held to the same deadline.
 */
export function callOptions(parent: IncomingCall, lookupDeadlineMs: number): grpc.CallOptions {
  const own = Date.now() + lookupDeadlineMs;
  const remaining = Number(parent.getDeadline()) - Date.now(); // Infinity: the caller set no deadline
  const beforeCaller = Number.isFinite(remaining) ? Date.now() + remaining - marginMs(remaining) : own;
  const deadline = Math.min(own, beforeCaller);
  if (deadline - Date.now() < MIN_LOOKUP_MS)
    throw new GrpcError(grpc.status.DEADLINE_EXCEEDED, 'order-service did not answer before the deadline');
  return { parent, deadline };
}
