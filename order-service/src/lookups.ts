// order-service as a gRPC *client*: the two lookups of DIAGRAM steps 3a and 3b, and the saga's
// calls on stock (lesson 16). One long-lived client per service, made at start: a channel per
// request would reconnect every time.
import * as grpc from '@grpc/grpc-js';
import { clientOptions, GrpcError, loadContract, promiseClient, stepMetadata, toSafeError, type PlugIn } from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { Reservation__Output } from '@sandbox/protos/generated/product/Reservation';
import type { User__Output } from '@sandbox/protos/generated/user/User';

type IncomingCall = grpc.ServerUnaryCall<unknown, unknown>;

export interface Lookups {
  getUser(id: string, parent: IncomingCall): Promise<User__Output>;
  getProduct(id: string, parent: IncomingCall): Promise<Product__Output>;
  // the saga's steps on stock, each keyed by the order (idempotent: product-service/src/stock.ts)
  reserveStock(orderId: string, productId: string, quantity: number, parent: IncomingCall): Promise<Reservation__Output>;
  commitStock(orderId: string, parent: IncomingCall): Promise<Reservation__Output>;
  // a compensation: it must run even when the caller has gone, so it has its own deadline only
  releaseStock(orderId: string, parent: IncomingCall): Promise<Reservation__Output>;
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
  const userClient = new contract.user.UserService(options.userServiceAddr, credentials, clientOptions('user-service', plugIns));
  const productClient = new contract.product.ProductService(options.productServiceAddr, credentials, clientOptions('product-service', plugIns));
  const users = promiseClient(userClient);
  const products = promiseClient(productClient);

  return {
    // DIAGRAM step 3a: gRPC GetUser(id) → step 4a: the user
    getUser: (id, parent) => users.GetUser({ id }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('3a', '4a')).catch(failure('user-service')),

    // DIAGRAM step 3b: gRPC GetProduct(id) → step 4b: the product
    getProduct: (id, parent) => products.GetProduct({ id }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('3b', '4b')).catch(failure('product-service')),

    // The saga's steps (lesson 16), inside the diagram's step 6: 6a reserve, (6b pay), 6c commit;
    // 6d gives the stock back when a later step failed (the compensation).
    reserveStock: (orderId, productId, quantity, parent) => products.ReserveStock({ orderId, productId, quantity }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('6a', '6a')).catch(failure('product-service')),
    commitStock: (orderId, parent) => products.CommitStock({ orderId }, callOptions(parent, options.lookupDeadlineMs), stepMetadata('6c', '6c')).catch(failure('product-service')),
    releaseStock: (orderId, parent) => products.ReleaseStock({ orderId }, ownDeadline(parent, options.lookupDeadlineMs), stepMetadata('6d', '6d')).catch(failure('product-service')),

    close() {
      userClient.close();
      productClient.close();
    },
  };
}

// a failed lookup, in words safe to pass on to our caller: "user 42 not found", "user-service is unavailable"
const failure = (service: string) => (error: unknown): never => {
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
 * time left for a lookup, order-service itself was the slow one, and says so.
 */
function callOptions(parent: IncomingCall, lookupDeadlineMs: number): grpc.CallOptions {
  const own = Date.now() + lookupDeadlineMs;
  const remaining = Number(parent.getDeadline()) - Date.now(); // Infinity: the caller set no deadline
  const beforeCaller = Number.isFinite(remaining) ? Date.now() + remaining - marginMs(remaining) : own;
  const deadline = Math.min(own, beforeCaller);
  if (deadline - Date.now() < MIN_LOOKUP_MS) throw new GrpcError(grpc.status.DEADLINE_EXCEEDED, 'order-service did not answer before the deadline');
  return { parent, deadline };
}

/**
 * For a compensation: `parent` only so the lab still sees which request it belongs to; nothing of
 * the caller's is propagated (propagate_flags 0), neither its deadline nor its cancellation. The
 * caller may have given up: that is often why we are compensating.
 */
function ownDeadline(parent: IncomingCall, lookupDeadlineMs: number): grpc.CallOptions {
  return { parent, propagate_flags: 0, deadline: Date.now() + lookupDeadlineMs };
}
