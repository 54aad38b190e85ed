// createOrder with the lookups replaced by stubs: the rules of the diagram's order flow on their own.
import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import { grpcErrorOf } from '@sandbox/protos/testing';
import { createHandlers } from '../src/handlers';
import { OrderStore, type OrderStatus } from '../src/store';
import { callWith, stubLookups } from './stubs';

const call = callWith();
const fixedNow = () => new Date('2026-11-22T10:00:00.000Z');

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

    it('asks user- and product-service only (3a/3b), and stores the order once, CONFIRMED as it is made', async () => {
      const calls: string[] = [];
      const store = new OrderStore();
      const changes: Array<[OrderStatus, OrderStatus | undefined]> = [];
      store.onChange((order, was) => changes.push([order.status, was]));
      await createHandlers(store, stubLookups(calls)).createOrder({ userId: '1', productId: '1', quantity: 2 }, call);
      expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1']);
      expect(changes).to.deep.equal([['CONFIRMED', undefined]]);
    });

    it('totals exactly to the cent: 7 × 19.99 = 139.93', async () => {
      const handlers = createHandlers(new OrderStore(), stubLookups());
      expect((await handlers.createOrder({ userId: '1', productId: '4', quantity: 7 }, call)).totalPrice).to.equal(
        139.93,
      );
    });

    it('says which user or product was not found, and stores nothing', async () => {
      const store = new OrderStore();
      const handlers = createHandlers(store, stubLookups());
      expect(
        await grpcErrorOf(() => handlers.createOrder({ userId: '42', productId: '1', quantity: 1 }, call)),
      ).to.deep.equal([status.NOT_FOUND, 'user 42 not found']);
      expect(
        await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '99', quantity: 1 }, call)),
      ).to.deep.equal([status.NOT_FOUND, 'product 99 not found']);
      expect(store.list()).to.deep.equal([]);
    });

    it('validates before it calls anyone: a bad quantity makes no lookups', async () => {
      const calls: string[] = [];
      const handlers = createHandlers(new OrderStore(), stubLookups(calls));
      for (const quantity of [0, -1, 1001]) {
        expect(
          await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity }, call)),
        ).to.deep.equal([status.INVALID_ARGUMENT, 'quantity must be a whole number from 1 to 1000']);
      }
      expect(
        (await grpcErrorOf(() => handlers.createOrder({ userId: '', productId: '1', quantity: 1 }, call)))[1],
      ).to.match(/^userId must be/);
      expect(calls).to.deep.equal([]);
    });

    it('passes on an unavailable lookup as it is', async () => {
      const lookups = stubLookups();
      lookups.getProduct = async () => {
        throw new GrpcError(status.UNAVAILABLE, 'product-service is unavailable');
      };
      const handlers = createHandlers(new OrderStore(), lookups);
      expect(
        await grpcErrorOf(() => handlers.createOrder({ userId: '1', productId: '1', quantity: 1 }, call)),
      ).to.deep.equal([status.UNAVAILABLE, 'product-service is unavailable']);
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
      expect(await grpcErrorOf(() => handlers.getOrder({ id: '7' }))).to.deep.equal([
        status.NOT_FOUND,
        'order 7 not found',
      ]);
    });
  });
});
