// order-service as a gRPC *client*: the two lookups of DIAGRAM steps 3a and 3b.
// One long-lived client per service, made at start: a channel per request would reconnect every time.
import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, GrpcError, loadContract, toSafeError, traceOf, tracedCall } from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { User__Output } from '@sandbox/protos/generated/user/User';

type IncomingCall = grpc.ServerUnaryCall<unknown, unknown>;

// Finish this much before the caller's deadline: 10% of the time left, at least 100 ms. The caller
// starts its clock before the call travels here, so a slow first call eats into a fixed margin.
const marginMs = (remainingMs: number) => Math.max(100, remainingMs * 0.1);
// Less time than this for a lookup on loopback is no fair chance to answer.
const MIN_LOOKUP_MS = 20;

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

export function createLookups(options: LookupOptions): Lookups {
  const contract = loadContract();
  const credentials = grpc.credentials.createInsecure();
  const users = new contract.user.UserService(options.userServiceAddr, credentials, CHANNEL_OPTIONS);
  const products = new contract.product.ProductService(options.productServiceAddr, credentials, CHANNEL_OPTIONS);

  // A lookup ends by our own deadline or a little before our caller's, whichever comes first:
  // finishing before the gateway gives up lets us tell it *which* lookup was too slow.
  // `parent` also cancels the lookups if the caller cancels.
  // If there is no time left for a lookup, order-service itself was the slow one (a delay before
  // it got here, say): it says so, rather than blame a lookup that never had a chance.
  const callOptions = (parent: IncomingCall): grpc.CallOptions => {
    const own = Date.now() + options.lookupDeadlineMs;
    const remaining = Number(parent.getDeadline()) - Date.now(); // Infinity: the caller set no deadline
    const beforeCaller = Number.isFinite(remaining) ? Date.now() + remaining - marginMs(remaining) : own;
    const deadline = Math.min(own, beforeCaller);
    if (deadline - Date.now() < MIN_LOOKUP_MS) throw new GrpcError(grpc.status.DEADLINE_EXCEEDED, 'order-service did not answer before the deadline');
    return { parent, deadline };
  };

  return {
    // DIAGRAM step 3a: gRPC GetUser(id) → step 4a: the user
    async getUser(id, parent) {
      try {
        return await tracedCall(traceOf(parent), 'user-service', users, 'GetUser', { id }, callOptions(parent));
      } catch (error) {
        throw toSafeError(error, 'user-service');
      }
    },

    // DIAGRAM step 3b: gRPC GetProduct(id) → step 4b: the product
    async getProduct(id, parent) {
      try {
        return await tracedCall(traceOf(parent), 'product-service', products, 'GetProduct', { id }, callOptions(parent));
      } catch (error) {
        throw toSafeError(error, 'product-service');
      }
    },

    close() {
      users.close();
      products.close();
    },
  };
}
