// Stand-ins for user- and product-service, for tests that call order-service's functions directly.
import * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { GrpcError, notFound } from '@sandbox/protos';
import type { Lookups } from '../src/lookups';
import type { StockCalls } from '../src/saga/stock';

const USERS: Record<string, { id: string; name: string; email: string }> = {
  '1': { id: '1', name: 'John', email: 'john@example.com' },
};
const PRODUCTS: Record<string, { id: string; name: string; description: string; price: number; stock: number }> = {
  '1': { id: '1', name: 'Laptop', description: '', price: 1000, stock: 500 },
  '4': { id: '4', name: 'USB-C Cable', description: '', price: 19.99, stock: 1000 },
};

/** GetUser and GetProduct (steps 3a/3b), each listed in `calls` as it is made. */
export function stubLookups(calls: string[] = []): Lookups {
  return {
    async getUser(id) {
      calls.push(`GetUser ${id}`);
      if (!USERS[id]) throw notFound(`user ${id} not found`);
      return USERS[id];
    },
    async getProduct(id) {
      calls.push(`GetProduct ${id}`);
      if (!PRODUCTS[id]) throw notFound(`product ${id} not found`);
      return PRODUCTS[id];
    },
    close() {},
  };
}

/** product-service's stock (6a, 6c, 6d): `units` of any product; each call is listed in `calls`, by order id. */
export function stubStock(calls: string[] = [], units = 1000): StockCalls {
  let left = units;
  const held = new Map<string, number>();
  const reservation = (orderId: string, state: 'HELD' | 'COMMITTED' | 'RELEASED') => ({
    orderId,
    productId: '1',
    quantity: held.get(orderId) ?? 0,
    state,
    stockLeft: left,
  });
  const order = (key: string) => key.split('@')[0]; // "1@<run>": the order, and this run of order-service
  return {
    async reserve(key, productId, quantity) {
      calls.push(`ReserveStock ${order(key)}`);
      if (quantity > left)
        throw new GrpcError(
          status.ABORTED,
          `not enough stock of product ${productId}: ${left} left, ${quantity} asked`,
        );
      left -= quantity;
      held.set(key, quantity);
      return reservation(key, 'HELD');
    },
    async commit(key) {
      calls.push(`CommitStock ${order(key)}`);
      return reservation(key, 'COMMITTED');
    },
    async release(key) {
      calls.push(`ReleaseStock ${order(key)}`);
      left += held.get(key) ?? 0;
      held.delete(key);
      return reservation(key, 'RELEASED');
    },
    close() {},
  };
}

/** A call being served, as a handler sees it; `metadata`: its headers. */
export const callWith = (metadata: Record<string, string> = {}) => {
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return { metadata: md } as grpc.ServerUnaryCall<unknown, unknown>;
};
