// The saga's calls on stock at product-service (lesson 16): 6a reserve, 6c commit, and 6d release,
// the compensation. Each is keyed by the order's name across restarts, "<id>@<run>" (store.keyOf),
// and idempotent at product-service (product-service/src/stock/). Like the lookups, each call says
// its step on the diagram, and is held to the lookups' deadline.
import * as grpc from '@grpc/grpc-js';
import { clientOptions, loadContract, promiseClient, stepMetadata, type PlugIn } from '@sandbox/protos';
import type { Reservation__Output } from '@sandbox/protos/generated/product/Reservation';
import { callOptions, failure } from '../lookups';

type IncomingCall = grpc.ServerUnaryCall<unknown, unknown>;

export interface StockCalls {
  reserve(key: string, productId: string, quantity: number, parent: IncomingCall): Promise<Reservation__Output>;
  commit(key: string, parent: IncomingCall): Promise<Reservation__Output>;
  // a compensation: it must run even when the caller has gone, so it has its own deadline only
  release(key: string, parent: IncomingCall): Promise<Reservation__Output>;
  close(): void;
}

export interface StockCallOptions {
  productServiceAddr: string;
  lookupDeadlineMs: number;
}

/** `plugIns`: work beside the diagram around each call (index.ts), as for the lookups. */
export function createStockCalls(options: StockCallOptions, plugIns: PlugIn[] = []): StockCalls {
  const client = new (loadContract().product.ProductService)(
    options.productServiceAddr,
    grpc.credentials.createInsecure(),
    clientOptions('product-service', plugIns),
  );
  const products = promiseClient(client);
  const deadlineMs = options.lookupDeadlineMs;

  return {
    // 6a: take the units out of the stock and hold them for the order
    reserve: (orderId, productId, quantity, parent) =>
      products
        .ReserveStock({ orderId, productId, quantity }, callOptions(parent, deadlineMs), stepMetadata('6a', '6a'))
        .catch(failure('product-service')),
    // 6c: the held units are sold
    commit: (orderId, parent) =>
      products
        .CommitStock({ orderId }, callOptions(parent, deadlineMs), stepMetadata('6c', '6c'))
        .catch(failure('product-service')),
    // 6d: the units go back, held or sold
    release: (orderId, parent) =>
      products
        .ReleaseStock({ orderId }, ownDeadline(parent, deadlineMs), stepMetadata('6d', '6d'))
        .catch(failure('product-service')),
    close: () => client.close(),
  };
}

/**
 * For a compensation: `parent` only so the lab still sees which request it belongs to; nothing of
 * the caller's is propagated (propagate_flags 0), neither its deadline nor its cancellation. The
 * caller may have given up: that is often why we are compensating.
 */
function ownDeadline(parent: IncomingCall, deadlineMs: number): grpc.CallOptions {
  return { parent, propagate_flags: 0, deadline: Date.now() + deadlineMs };
}
