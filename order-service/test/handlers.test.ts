// createOrder with the lookups replaced by stubs: the rules of the order flow on their own.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { GrpcError, notFound } from '@sandbox/protos';
import { grpcErrorOf } from '@sandbox/protos/testing';
import { createHandlers } from '../src/handlers';
import { Payments } from '../src/payments';
import type { Lookups } from '../src/lookups';
import { OrderStore } from '../src/store';

const USERS: Record<string, { id: string; name: string; email: string }> = { '1': { id: '1', name: 'John', email: 'john@example.com' } };
const PRODUCTS: Record<string, { id: string; name: string; description: string; price: number; stock: number }> = {
  '1': { id: '1', name: 'Laptop', description: '', price: 1000, stock: 500 },
  '4': { id: '4', name: 'USB-C Cable', description: '', price: 19.99, stock: 1000 },
};

// product-service's stock, as a stub: `stock` units of any product; each call is listed in `calls`
function stubLookups(calls: string[] = [], stock = 1000): Lookups {
  let left = stock;
  const held = new Map<string, number>();
  const reservation = (orderId: string, state: 'HELD' | 'COMMITTED' | 'RELEASED') => ({ orderId, productId: '1', quantity: held.get(orderId) ?? 0, state, stockLeft: left });
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
    async reserveStock(orderId, productId, quantity) {
      calls.push(`ReserveStock ${orderId.split('@')[0]}`); // "1@<run>": the order, and this run of order-service
      if (quantity > left) throw new GrpcError(status.ABORTED, `not enough stock of product ${productId}: ${left} left, ${quantity} asked`);
      left -= quantity;
      held.set(orderId, quantity);
      return reservation(orderId, 'HELD');
    },
    async commitStock(orderId) {
      calls.push(`CommitStock ${orderId.split('@')[0]}`);
      return reservation(orderId, 'COMMITTED');
    },
    async releaseStock(orderId) {
      calls.push(`ReleaseStock ${orderId.split('@')[0]}`);
      left += held.get(orderId) ?? 0;
      held.delete(orderId);
      return reservation(orderId, 'RELEASED');
    },
    close() {},
  };
}

const callWith = (metadata: Record<string, string> = {}) => {
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return { metadata: md } as grpc.ServerUnaryCall<unknown, unknown>;
};
const call = callWith();
const fixedNow = () => new Date('2026-11-22T10:00:00.000Z');
const SAGA = { saga: { on: true } }; // ORDER_SAGA=on (lesson 16); off, the default, is the diagram's flow

describe('order-service handlers', () => {
  describe('createOrder', () => {
    it('builds the diagram\'s order: John, Laptop, 2 × 1000 = 2000, id "1" (steps 2–7)', async () => {
      const handlers = createHandlers(new OrderStore(), stubLookups(), { now: fixedNow });
      expect(await handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)).to.deep.equal({
        id: '1',
        userId: '1',
        productId: '1',
        quantity: 2,
        totalPrice: 2000,
        userName: 'John',
        productName: 'Laptop',
        createdAt: '2026-11-22T10:00:00.000Z',
        status: 'CONFIRMED',
      });
    });

    it('totals exactly to the cent: 7 × 19.99 = 139.93', async () => {
      const handlers = createHandlers(new OrderStore(), stubLookups());
      expect((await handlers.createOrder({ userId: '1', productId: '4', quantity: 7 }, call)).totalPrice).to.equal(139.93);
    });

    it('says which user or product was not found, and stores nothing', async () => {
      const store = new OrderStore();
      const handlers = createHandlers(store, stubLookups());
      expect(await grpcErrorOf(() => handlers.createOrder({ userId: '42', productId: '1', quantity: 1 }, call))).to.deep.equal([
        status.NOT_FOUND,
        'user 42 not found',
      ]);
      expect(await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '99', quantity: 1 }, call))).to.deep.equal([
        status.NOT_FOUND,
        'product 99 not found',
      ]);
      expect(store.list()).to.deep.equal([]);
    });

    it('validates before it calls anyone: a bad quantity makes no lookups', async () => {
      const calls: string[] = [];
      const handlers = createHandlers(new OrderStore(), stubLookups(calls));
      for (const quantity of [0, -1, 1001]) {
        expect(await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity }, call))).to.deep.equal([
          status.INVALID_ARGUMENT,
          'quantity must be a whole number from 1 to 1000',
        ]);
      }
      expect((await grpcErrorOf(() => handlers.createOrder({ userId: '', productId: '1', quantity: 1 }, call)))[1]).to.match(/^userId must be/);
      expect(calls).to.deep.equal([]);
    });

    it('passes on an unavailable lookup as it is', async () => {
      const lookups = stubLookups();
      lookups.getProduct = async () => {
        throw new GrpcError(status.UNAVAILABLE, 'product-service is unavailable');
      };
      const handlers = createHandlers(new OrderStore(), lookups);
      expect(await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 1 }, call))).to.deep.equal([
        status.UNAVAILABLE,
        'product-service is unavailable',
      ]);
    });
  });

  describe('the saga (lesson 16)', () => {
    it('reserves, pays and commits, in that order, and the order ends CONFIRMED', async () => {
      const calls: string[] = [];
      const store = new OrderStore();
      const handlers = createHandlers(store, stubLookups(calls), SAGA);
      expect((await handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)).status).to.equal('CONFIRMED');
      expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'CommitStock 1']);
      expect(store.events.since(0).map((event) => event.type)).to.deep.equal(['order.created', 'order.confirmed']);
    });

    it('not enough stock: ABORTED, nothing to undo, the order is stored FAILED with the reason', async () => {
      const calls: string[] = [];
      const store = new OrderStore();
      const handlers = createHandlers(store, stubLookups(calls, 1), SAGA);
      expect(await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call))).to.deep.equal([
        status.ABORTED,
        'not enough stock of product 1: 1 left, 2 asked',
      ]);
      expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'ReleaseStock 1']);
      expect(store.get('1')).to.include({ status: 'FAILED', failureReason: 'not enough stock of product 1: 1 left, 2 asked' });
      expect(store.events.since(0).map((event) => event.type)).to.deep.equal(['order.created', 'order.failed']);
    });

    it('a declined payment: the reservation is released (compensation), and the error says why', async () => {
      const calls: string[] = [];
      const payments = new Payments();
      const handlers = createHandlers(new OrderStore(), stubLookups(calls), { ...SAGA, payments });
      const [code, message] = await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 11 }, call));
      expect([code, message]).to.deep.equal([status.FAILED_PRECONDITION, "the payment of 11000.00 was declined: the mock card's limit is 10000.00"]);
      expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'ReleaseStock 1']);
      expect(payments.chargeOf('1')).to.equal(undefined);
    });

    it('a failing commit undoes both steps before it, in reverse: refund, then release', async () => {
      const calls: string[] = [];
      const lookups = stubLookups(calls);
      lookups.commitStock = async (orderId) => {
        calls.push(`CommitStock ${orderId.split('@')[0]}`);
        throw new GrpcError(status.UNAVAILABLE, 'product-service is unavailable');
      };
      const payments = new Payments();
      const handlers = createHandlers(new OrderStore(), lookups, { ...SAGA, payments });
      expect((await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 1 }, call)))[0]).to.equal(status.UNAVAILABLE);
      expect(calls.slice(2)).to.deep.equal(['ReserveStock 1', 'CommitStock 1', 'ReleaseStock 1']);
      expect(payments.chargeOf('1')).to.deep.equal({ amount: 1000, refunded: true });
    });

    it('ORDER_SAGA=off (the default): the diagram\'s flow alone, no stock calls, CONFIRMED', async () => {
      const calls: string[] = [];
      const handlers = createHandlers(new OrderStore(), stubLookups(calls, 0), { saga: { on: false } });
      expect((await handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)).status).to.equal('CONFIRMED');
      expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1']);
    });
  });

  describe('cancelOrder (lesson 17)', () => {
    it('cancels a CONFIRMED order once, refunds it, says so in an event; again is harmless; other states and unknown ids are refused', async () => {
      const store = new OrderStore();
      const payments = new Payments();
      const handlers = createHandlers(store, stubLookups([], 2), { ...SAGA, payments });
      await handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call);
      await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)); // order 2: FAILED
      expect(handlers.cancelOrder({ id: '1' }).status).to.equal('CANCELLED');
      expect(handlers.cancelOrder({ id: '1' }).status).to.equal('CANCELLED');
      expect(payments.chargeOf('1')).to.deep.equal({ amount: 2000, refunded: true });
      expect(store.events.since(0).filter((event) => event.type === 'order.cancelled')).to.have.length(1);
      expect(await grpcErrorOf(() => handlers.cancelOrder({ id: '2' }))).to.deep.equal([status.FAILED_PRECONDITION, 'order 2 is FAILED: only a CONFIRMED order can be cancelled']);
      expect(await grpcErrorOf(() => handlers.cancelOrder({ id: '9' }))).to.deep.equal([status.NOT_FOUND, 'order 9 not found']);
    });
  });

  describe('getOrder and listOrders', () => {
    it('finds orders by id and by user, and says which order was not found', async () => {
      const handlers = createHandlers(new OrderStore(), stubLookups());
      await handlers.createOrder({ userId: '1', productId: '1', quantity: 1 }, call);
      expect(handlers.getOrder({ id: '1' }).productName).to.equal('Laptop');
      const firstPage = { pageSize: 0, pageToken: '' };
      expect(handlers.listOrders({ userId: '1', ...firstPage }).orders).to.have.length(1);
      expect(handlers.listOrders({ userId: '', ...firstPage }).orders).to.have.length(1);
      expect(handlers.listOrders({ userId: '2', ...firstPage }).orders).to.have.length(0);
      expect(await grpcErrorOf(() => handlers.getOrder({ id: '7' }))).to.deep.equal([status.NOT_FOUND, 'order 7 not found']);
    });
  });
});
