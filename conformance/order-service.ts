// The behaviour of order.proto's OrderService that the .proto file cannot say: the diagram's order
// and its total, codes, messages, rules, cancelling, and the events other services follow.
// order-service calls user-service and product-service, so the address given must be an
// order-service that reaches the seeded ones (a sandbox's, or a test's).
//
// It creates and cancels only orders of its own (John's, of the seeded products), so it can run
// against a sandbox in use, with ORDER_SAGA on or off.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, SERVED_BY_TRAILER } from '../protos/src';
import type { Order__Output } from '../protos/generated/order/Order';
import { callerOf, healthAndReflection, type Caller } from './calls';

const RULES = {
  id: 'id must be a non-empty id of at most 64 characters, such as "1"',
  userId: 'userId must be a non-empty id of at most 64 characters, such as "1"',
  productId: 'productId must be a non-empty id of at most 64 characters, such as "1"',
  quantity: 'quantity must be a whole number from 1 to 1000',
  pageSize: 'pageSize must be a whole number (0 means 50; more than 100 means 100)',
  pageToken: 'pageToken must be the nextPageToken of an earlier page, unchanged',
};

type Order = Order__Output;

interface OrderEvent {
  sequence: number;
  type: string;
  order: Order;
  stockKey: string;
}

export function orderServiceConformance(address: () => string): void {
  let client: grpc.Client;
  let call: Caller['call'];
  let expectError: Caller['expectError'];
  let firstOf: Caller['firstOf'];

  before(() => {
    client = new (loadContract().order.OrderService)(address(), grpc.credentials.createInsecure());
    ({ call, expectError, firstOf } = callerOf(client));
  });
  after(() => client?.close());

  async function newOrder(userId: string, productId: string, quantity: number): Promise<Order> {
    const outcome = await call<Order>('CreateOrder', { userId, productId, quantity });
    expect(outcome.message).to.equal('');
    return outcome.answer as Order;
  }

  healthAndReflection(address, 'order.OrderService', [
    'CancelOrder',
    'CreateOrder',
    'GetOrder',
    'ListOrders',
    'WatchOrders',
  ]);

  describe('CreateOrder (the diagram)', () => {
    it('the diagram\'s order: user "1", product "1", quantity 2 → John\'s 2 Laptops, totalPrice 2000, CONFIRMED', async () => {
      const before = Date.now();
      const order = await newOrder('1', '1', 2);
      expect(order).to.deep.include({
        userId: '1',
        productId: '1',
        quantity: 2,
        totalPrice: 2000,
        userName: 'John',
        productName: 'Laptop',
        status: 'CONFIRMED',
      });
      expect(order.id).to.match(/^[1-9]\d*$/);
      expect(order.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(order.createdAt)).to.be.within(before - 60_000, Date.now() + 60_000);
      expect((await call('GetOrder', { id: order.id })).answer).to.deep.equal(order);
    });

    it('totals exactly to the cent: 7 × 19.99 is 139.93, not 139.92999999999998', async () => {
      expect((await newOrder('2', '4', 7)).totalPrice).to.equal(139.93);
      expect((await newOrder('2', '3', 3)).totalPrice).to.equal(149.97);
    });

    it('marks every answer, an answer or an error, with the trailer x-served-by: order-service', async () => {
      for (const request of [{ id: '1' }, { id: '' }])
        expect((await call('GetOrder', request)).trailer.get(SERVED_BY_TRAILER)).to.deep.equal(['order-service']);
    });

    it('NOT_FOUND naming what is missing, an unknown user or product, with the message of the service that knows', async () => {
      await expectError(
        'CreateOrder',
        { userId: '999999', productId: '1', quantity: 1 },
        grpc.status.NOT_FOUND,
        'user 999999 not found',
      );
      await expectError(
        'CreateOrder',
        { userId: '1', productId: '999999', quantity: 1 },
        grpc.status.NOT_FOUND,
        'product 999999 not found',
      );
    });

    it('INVALID_ARGUMENT naming the field, for each broken rule, before asking anyone', async () => {
      const cases: Array<[object, string]> = [
        [{ userId: '', productId: '1', quantity: 1 }, RULES.userId],
        [{ userId: '1', productId: '', quantity: 1 }, RULES.productId],
        [{ userId: '1'.repeat(65), productId: '1', quantity: 1 }, RULES.userId],
        [{ userId: '1', productId: '1', quantity: 0 }, RULES.quantity],
        [{ userId: '1', productId: '1', quantity: -2 }, RULES.quantity],
        [{ userId: '1', productId: '1', quantity: 1001 }, RULES.quantity],
      ];
      for (const [request, message] of cases)
        await expectError('CreateOrder', request, grpc.status.INVALID_ARGUMENT, message);
    });
  });

  describe('GetOrder and ListOrders', () => {
    it('GetOrder: NOT_FOUND "order <id> not found"; INVALID_ARGUMENT for an empty id', async () => {
      await expectError('GetOrder', { id: '99999999' }, grpc.status.NOT_FOUND, 'order 99999999 not found');
      await expectError('GetOrder', { id: '' }, grpc.status.INVALID_ARGUMENT, RULES.id);
    });

    it("ListOrders: one user's orders (or everyone's), oldest first, in pages until next_page_token is empty", async () => {
      const mine = [await newOrder('3', '2', 1), await newOrder('3', '2', 2), await newOrder('3', '2', 3)];
      const seen: Order[] = [];
      let pageToken = '';
      do {
        const page = await call<{ orders: Order[]; nextPageToken: string }>('ListOrders', {
          userId: '3',
          pageSize: 2,
          pageToken,
        });
        expect(page.answer?.orders.length).to.be.at.most(2);
        seen.push(...(page.answer?.orders ?? []));
        pageToken = page.answer?.nextPageToken ?? '';
      } while (pageToken);
      expect(seen.every((order) => order.userId === '3')).to.equal(true);
      expect(seen.map((order) => Number(order.id))).to.deep.equal(
        seen.map((order) => Number(order.id)).sort((a, b) => a - b),
      );
      expect(seen.slice(-3)).to.deep.equal(mine);
      const everyone = await call<{ orders: Order[] }>('ListOrders', { pageSize: 100 });
      expect(new Set(everyone.answer?.orders.map((order) => order.userId)).size).to.be.greaterThan(1);
    });

    it('ListOrders: a negative page size, a made-up token or an overlong user id is INVALID_ARGUMENT', async () => {
      await expectError('ListOrders', { pageSize: -1 }, grpc.status.INVALID_ARGUMENT, RULES.pageSize);
      await expectError('ListOrders', { pageToken: 'made-up' }, grpc.status.INVALID_ARGUMENT, RULES.pageToken);
      await expectError('ListOrders', { userId: '1'.repeat(65) }, grpc.status.INVALID_ARGUMENT, RULES.userId);
    });
  });

  describe('CancelOrder (lesson 17)', () => {
    it('a CONFIRMED order becomes CANCELLED; cancelling again answers the cancelled order; GetOrder sees it', async () => {
      const order = await newOrder('1', '2', 1);
      const cancelled = await call<Order>('CancelOrder', { id: order.id });
      expect(cancelled.answer).to.deep.equal({ ...order, status: 'CANCELLED' });
      expect((await call('CancelOrder', { id: order.id })).answer).to.deep.equal(cancelled.answer);
      expect((await call<Order>('GetOrder', { id: order.id })).answer?.status).to.equal('CANCELLED');
    });

    it('NOT_FOUND for an unknown order; INVALID_ARGUMENT for an empty id', async () => {
      await expectError('CancelOrder', { id: '99999999' }, grpc.status.NOT_FOUND, 'order 99999999 not found');
      await expectError('CancelOrder', { id: '' }, grpc.status.INVALID_ARGUMENT, RULES.id);
    });
  });

  describe('WatchOrders (lesson 18)', () => {
    it('tells what happened to an order, in order: created (PENDING), confirmed, cancelled, with one stock key', async () => {
      const kept = await firstOf<OrderEvent>('WatchOrders', { afterSequence: 0, follow: false }, 1_000_000);
      const last = kept.messages[kept.messages.length - 1]?.sequence ?? 0;
      const order = await newOrder('1', '1', 1);
      await call('CancelOrder', { id: order.id });
      const after = await firstOf<OrderEvent>(
        'WatchOrders',
        { afterSequence: last, follow: true },
        1_000_000,
        (event) => event.order.id === order.id && event.type === 'order.cancelled',
      );
      const mine = after.messages.filter((event) => event.order.id === order.id);
      expect(mine.map((event) => [event.type, event.order.status])).to.deep.equal([
        ['order.created', 'PENDING'],
        ['order.confirmed', 'CONFIRMED'],
        ['order.cancelled', 'CANCELLED'],
      ]);
      expect(mine[1].order).to.deep.equal({ ...order, status: 'CONFIRMED' });
      expect(new Set(mine.map((event) => event.stockKey)).size).to.equal(1);
      expect(mine[0].stockKey.startsWith(`${order.id}@`)).to.equal(true);
      expect(after.messages[0].sequence).to.equal(last + 1);
    });

    it('a sequence from the future is OUT_OF_RANGE, saying the last one', async () => {
      const future = await firstOf('WatchOrders', { afterSequence: 4_000_000_000, follow: false }, 1);
      expect(grpc.status[future.code]).to.equal('OUT_OF_RANGE');
      expect(future.message).to.match(/^order-service's event 4000000000 is in the future: its last event is \d+$/);
    });
  });
}
