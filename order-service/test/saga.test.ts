// The saga (lesson 16) and cancelling (lesson 17), with user- and product-service replaced by stubs.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ConfigError, GrpcError } from '@sandbox/protos';
import { grpcErrorOf, silentLog } from '@sandbox/protos/testing';
import { orderEvents } from '../src/events';
import { createHandlers } from '../src/handlers';
import { createSagaHandlers, orderSaga } from '../src/saga';
import { Payments } from '../src/saga/payments';
import { sagaSwitch } from '../src/saga/switch';
import { OrderStore } from '../src/store';
import { callWith, stubLookups, stubStock } from './stubs';

const call = callWith();

/** The types of the events order-service publishes about its orders (lesson 18), as they come. */
function eventsOf(store: OrderStore): () => string[] {
  const { log } = orderEvents(store);
  return () => log.since(0).map((event) => event.type);
}

describe('the saga (lesson 16)', () => {
  it('reserves, pays and commits, in that order, and the order ends CONFIRMED', async () => {
    const calls: string[] = [];
    const store = new OrderStore();
    const events = eventsOf(store);
    const payments = new Payments();
    const saga = createSagaHandlers(store, stubLookups(calls), stubStock(calls), { payments });
    expect((await saga.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)).status).to.equal('CONFIRMED');
    expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'CommitStock 1']);
    expect(payments.chargeOf('1')).to.deep.equal({ amount: 2000, refunded: false });
    expect(events()).to.deep.equal(['order.created', 'order.confirmed']);
  });

  it('not enough stock: ABORTED, the reservation released all the same, the order stored FAILED with the reason', async () => {
    const calls: string[] = [];
    const store = new OrderStore();
    const events = eventsOf(store);
    const saga = createSagaHandlers(store, stubLookups(calls), stubStock(calls, 1), {});
    expect(await grpcErrorOf(() => saga.createOrder({ userId: '1', productId: '1', quantity: 2 }, call))).to.deep.equal(
      [status.ABORTED, 'not enough stock of product 1: 1 left, 2 asked'],
    );
    expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'ReleaseStock 1']);
    expect(store.get('1')).to.include({
      status: 'FAILED',
      failureReason: 'not enough stock of product 1: 1 left, 2 asked',
    });
    expect(events()).to.deep.equal(['order.created', 'order.failed']);
  });

  it('a declined payment: the reservation is released (compensation), and the error says why', async () => {
    const calls: string[] = [];
    const payments = new Payments();
    const saga = createSagaHandlers(new OrderStore(), stubLookups(calls), stubStock(calls), { payments });
    const [code, message] = await grpcErrorOf(() =>
      saga.createOrder({ userId: '1', productId: '1', quantity: 11 }, call),
    );
    expect([code, message]).to.deep.equal([
      status.FAILED_PRECONDITION,
      "the payment of 11000.00 was declined: the mock card's limit is 10000.00",
    ]);
    expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 1', 'ReleaseStock 1']);
    expect(payments.chargeOf('1')).to.equal(undefined);
  });

  it('a failing commit undoes both steps before it, in reverse: refund, then release', async () => {
    const calls: string[] = [];
    const stock = stubStock(calls);
    stock.commit = async (key) => {
      calls.push(`CommitStock ${key.split('@')[0]}`);
      throw new GrpcError(status.UNAVAILABLE, 'product-service is unavailable');
    };
    const payments = new Payments();
    const store = new OrderStore();
    const saga = createSagaHandlers(store, stubLookups(calls), stock, { payments });
    expect((await grpcErrorOf(() => saga.createOrder({ userId: '1', productId: '1', quantity: 1 }, call)))[0]).to.equal(
      status.UNAVAILABLE,
    );
    expect(calls.slice(2)).to.deep.equal(['ReserveStock 1', 'CommitStock 1', 'ReleaseStock 1']);
    expect(payments.chargeOf('1')).to.deep.equal({ amount: 1000, refunded: true });
    expect(store.get('1')).to.include({ status: 'FAILED', failureReason: 'product-service is unavailable' });
  });

  it('a caller that gave up between two steps ends the saga there, and what was done is undone', async () => {
    const calls: string[] = [];
    const gone = callWith();
    const stock = stubStock(calls);
    const reserve = stock.reserve;
    stock.reserve = async (...args) => {
      const reservation = await reserve(...args);
      Object.assign(gone, { cancelled: true }); // the caller hung up while product-service reserved
      return reservation;
    };
    const store = new OrderStore();
    const saga = createSagaHandlers(store, stubLookups(calls), stock, {});
    expect(await grpcErrorOf(() => saga.createOrder({ userId: '1', productId: '1', quantity: 1 }, gone))).to.deep.equal(
      [status.CANCELLED, 'the caller gave up before the order was confirmed'],
    );
    expect(calls.slice(2)).to.deep.equal(['ReserveStock 1', 'ReleaseStock 1']);
    expect(store.get('1')).to.include({
      status: 'FAILED',
      failureReason: 'the caller gave up before the order was confirmed',
    });
  });

  it('keys the stock by the order and this run of order-service, "<id>@<run>"', async () => {
    const keys: string[] = [];
    const stock = stubStock();
    stock.reserve = async (key) => (
      keys.push(key),
      { orderId: key, productId: '1', quantity: 1, state: 'HELD', stockLeft: 0 }
    );
    const store = new OrderStore();
    await createSagaHandlers(store, stubLookups(), stock, {}).createOrder(
      { userId: '1', productId: '1', quantity: 1 },
      call,
    );
    expect(keys).to.deep.equal([store.keyOf('1')]);
    expect(keys[0]).to.match(/^1@[0-9a-f]{8}$/);
  });
});

describe('the saga, plugged in (ORDER_SAGA)', () => {
  /** Calls an RPC as grpc-js would, with a request and a callback. */
  const callRpc = <Request, Response>(rpc: grpc.handleUnaryCall<Request, Response> | undefined, request: Request) =>
    new Promise((resolve, reject) =>
      rpc?.({ ...callWith(), request } as never, (error, value) => (error ? reject(error) : resolve(value))),
    );

  it("CreateOrder follows the switch at each order: off, the diagram's createOrder (no stock, CONFIRMED at once); on, the saga", async () => {
    const calls: string[] = [];
    const store = new OrderStore();
    const lookups = stubLookups(calls);
    const saga = { on: false };
    const rpcs = orderSaga(store, lookups, stubStock(calls, 0), { saga }).rpcs(createHandlers(store, lookups), {
      name: 'order-service',
      log: silentLog,
    });
    expect(await callRpc(rpcs.CreateOrder, { userId: '1', productId: '1', quantity: 2 })).to.include({
      status: 'CONFIRMED',
    });
    expect(calls).to.deep.equal(['GetUser 1', 'GetProduct 1']);
    saga.on = true; // as npm start's launcher switches it
    const refused = await callRpc(rpcs.CreateOrder, { userId: '1', productId: '1', quantity: 2 }).catch(
      (error: grpc.ServiceError) => error,
    );
    expect((refused as grpc.ServiceError).code).to.equal(status.ABORTED); // none in stock: the saga ran
    expect(calls.slice(2)).to.deep.equal(['GetUser 1', 'GetProduct 1', 'ReserveStock 2', 'ReleaseStock 2']);
    expect(await callRpc(rpcs.CancelOrder, { id: '1' })).to.include({ status: 'CANCELLED' });
  });

  it('ORDER_SAGA is on or off (unset and empty: off); anything else cannot start', () => {
    expect([undefined, '', 'off', 'on'].map((value) => sagaSwitch(value).on)).to.deep.equal([
      false,
      false,
      false,
      true,
    ]);
    expect(() => sagaSwitch('yes')).to.throw(ConfigError, 'ORDER_SAGA must be on or off; not "yes"');
  });
});

describe('cancelOrder (lesson 17)', () => {
  it('cancels a CONFIRMED order once, refunds it, says so in an event; again is harmless; other states and unknown ids are refused', async () => {
    const store = new OrderStore();
    const events = eventsOf(store);
    const payments = new Payments();
    const saga = createSagaHandlers(store, stubLookups(), stubStock([], 2), { payments });
    await saga.createOrder({ userId: '1', productId: '1', quantity: 2 }, call);
    await grpcErrorOf(() => saga.createOrder({ userId: '1', productId: '1', quantity: 2 }, call)); // order 2: FAILED
    expect(saga.cancelOrder({ id: '1' }).status).to.equal('CANCELLED');
    expect(saga.cancelOrder({ id: '1' }).status).to.equal('CANCELLED');
    expect(payments.chargeOf('1')).to.deep.equal({ amount: 2000, refunded: true });
    expect(events().filter((type) => type === 'order.cancelled')).to.have.length(1);
    expect(await grpcErrorOf(() => saga.cancelOrder({ id: '2' }))).to.deep.equal([
      status.FAILED_PRECONDITION,
      'order 2 is FAILED: only a CONFIRMED order can be cancelled',
    ]);
    expect(await grpcErrorOf(() => saga.cancelOrder({ id: '9' }))).to.deep.equal([
      status.NOT_FOUND,
      'order 9 not found',
    ]);
  });
});
