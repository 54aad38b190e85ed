// DIAGRAM steps 3a/3b over real gRPC: order-service calls GetUser and GetProduct *in parallel*.
// Fake user- and product-services on free ports hold their answers, so we can see the overlap.
// order-service runs with the lab plugged in, as npm start runs it, so x-fanout: sequential works.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, notFound, unaryCall } from '@sandbox/protos';
import { createGrpcServer, listen, stop, unary, type GrpcService } from '@sandbox/protos/src/server';
import type { Order__Output } from '@sandbox/protos/generated/order/Order';
import type { OrderServiceClient } from '@sandbox/protos/generated/order/OrderService';
import { silentLog } from '@sandbox/protos/testing';
import { createLogger, withLab } from '@sandbox/lab';
import { createLookups, type Lookups } from '../src/lookups';
import { createServer } from '../src/server';
import { OrderStore } from '../src/store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when both lookups have arrived, or after `ms` if only one ever does. */
function meetingPoint(ms: number) {
  let arrived = 0;
  let release: () => void = () => undefined;
  const bothArrived = new Promise<void>((resolve) => (release = resolve));
  return {
    async arrive(): Promise<boolean> {
      arrived += 1;
      if (arrived === 2) release();
      return Promise.race([bothArrived.then(() => true), sleep(ms).then(() => false)]);
    },
  };
}

describe('order-service fan-out (DIAGRAM steps 3a/3b)', () => {
  let holdMs = 0;
  let meeting = meetingPoint(0);
  const metWhileHeld: boolean[] = [];
  let users: GrpcService;
  let products: GrpcService;
  let orders: GrpcService;
  let lookups: Lookups;
  let client: OrderServiceClient;
  let lookupsProductAddr = '';

  // a fake service answers only after the other lookup has also arrived (or the hold ran out)
  async function held<T>(answer: T): Promise<T> {
    const started = Date.now();
    metWhileHeld.push(await meeting.arrive());
    await sleep(holdMs - (Date.now() - started));
    return answer;
  }

  before(async () => {
    const fakeUsers = { name: 'user-service', log: silentLog };
    const fakeProducts = { name: 'product-service', log: silentLog };
    users = createGrpcServer({
      protoFile: 'user.proto',
      serviceName: 'user.UserService',
      handlers: {
        GetUser: unary((req: { id: string }) => {
          if (req.id !== '1') throw notFound(`user ${req.id} not found`);
          return held({ id: '1', name: 'John', email: 'john@example.com' });
        }, fakeUsers),
      },
    });
    products = createGrpcServer({
      protoFile: 'product.proto',
      serviceName: 'product.ProductService',
      handlers: {
        GetProduct: unary(() => held({ id: '1', name: 'Laptop', description: '', price: 1000 }), fakeProducts),
      },
    });
    const userPort = await listen(users, '127.0.0.1', 0);
    const productPort = await listen(products, '127.0.0.1', 0);
    lookupsProductAddr = `127.0.0.1:${productPort}`;
    const plugIns = [
      withLab('order-service', createLogger('order-service', { level: 'silent', format: 'json', colour: false }), {}),
    ];
    lookups = createLookups(
      { userServiceAddr: `127.0.0.1:${userPort}`, productServiceAddr: lookupsProductAddr, lookupDeadlineMs: 5000 },
      plugIns,
    );
    orders = createServer(new OrderStore(), lookups, { log: silentLog, plugIns });
    const orderPort = await listen(orders, '127.0.0.1', 0);
    client = new (loadContract().order.OrderService)(`127.0.0.1:${orderPort}`, grpc.credentials.createInsecure());
  });

  after(async () => {
    client.close();
    lookups.close();
    await Promise.all([orders, users, products].map((s) => stop(s, 1000)));
  });

  beforeEach(() => {
    metWhileHeld.length = 0;
  });

  const createOrder = (metadata = new grpc.Metadata()) =>
    unaryCall<Order__Output>((done) =>
      client.createOrder(
        { userId: '1', productId: '1', quantity: 2 },
        metadata,
        { deadline: Date.now() + 10_000 },
        done,
      ),
    );

  it('has GetUser and GetProduct in flight at the same time', async () => {
    holdMs = 0;
    meeting = meetingPoint(2000); // sequential calls would wait here 2 s, then fail the assertion
    const order = await createOrder();
    expect(order).to.include({ totalPrice: 2000, userName: 'John', productName: 'Laptop' });
    expect(metWhileHeld).to.deep.equal([true, true]);
  });

  it('takes about one hold, not two, when both lookups are held equally long', async () => {
    holdMs = 400;
    meeting = meetingPoint(0);
    await createOrder(); // warm the connections so the timing is of the lookups alone
    const started = performance.now();
    await createOrder();
    const ratio = (performance.now() - started) / holdMs;
    // parallel: ≈ 1 hold (plus a few ms); sequential would be ≥ 2 holds
    expect(ratio).to.be.within(1, 1.6);
  });

  it('takes about two holds with x-fanout: sequential, the one-after-the-other way', async () => {
    holdMs = 400;
    meeting = meetingPoint(0);
    const sequential = new grpc.Metadata();
    sequential.set('x-fanout', 'sequential');
    const started = performance.now();
    await createOrder(sequential);
    expect((performance.now() - started) / holdMs).to.be.within(2, 2.6);
  });

  it('fails with NOT_FOUND naming the user when the user lookup fails', async () => {
    holdMs = 0;
    meeting = meetingPoint(0);
    const error = await unaryCall<Order__Output>((done) =>
      client.createOrder({ userId: '42', productId: '1', quantity: 1 }, done),
    ).then(
      () => null,
      (e: grpc.ServiceError) => e,
    );
    expect(error?.code).to.equal(grpc.status.NOT_FOUND);
    expect(error?.details).to.equal('user 42 not found');
  });

  it('says which service is unavailable when nothing listens at its address, without the address', async () => {
    // an order-service whose user-service address has nothing behind it (port 1 is never ours)
    const deadEnd = createLookups({
      userServiceAddr: '127.0.0.1:1',
      productServiceAddr: lookupsProductAddr,
      lookupDeadlineMs: 2000,
    });
    const lonely = createServer(new OrderStore(), deadEnd, { log: silentLog });
    const port = await listen(lonely, '127.0.0.1', 0);
    const lonelyClient = new (loadContract().order.OrderService)(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    holdMs = 0;
    meeting = meetingPoint(0);
    const error = await unaryCall<Order__Output>((done) =>
      lonelyClient.createOrder({ userId: '1', productId: '1', quantity: 1 }, done),
    ).then(
      () => null,
      (e: grpc.ServiceError) => e,
    );
    lonelyClient.close();
    deadEnd.close();
    await stop(lonely, 1000);
    expect(error?.code).to.equal(grpc.status.UNAVAILABLE);
    expect(error?.details).to.equal('user-service is unavailable');
  });

  it('refuses an unknown x-fanout mode with INVALID_ARGUMENT, before any lookup', async () => {
    const sideways = new grpc.Metadata();
    sideways.set('x-fanout', 'sideways');
    const error = await createOrder(sideways).then(
      () => null,
      (e: grpc.ServiceError) => e,
    );
    expect([error?.code, error?.details]).to.deep.equal([
      grpc.status.INVALID_ARGUMENT,
      'x-fanout must be parallel or sequential, not "sideways"',
    ]);
    expect(metWhileHeld).to.deep.equal([]);
  });
});
