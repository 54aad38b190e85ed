// npm run sandbox -- reset, as the services do it: each builds its state again in its own process
// (launcher/supervisor.js says why), and nothing of the old state goes on. What a restart ended ends
// (the open streams), what it stopped stops (a stock lease's timer: product-service/test/stock.test.ts),
// and what it freed is freed: after twenty resets each service holds one state, and its heap is as it
// was. Its own sandbox, with each process's inspector open (to read its heap and count its stores)
// and the replicas of lesson 22.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import fs from 'node:fs';
import path from 'node:path';
import { askSandbox } from '../launcher/control';
import { controlPath, ROOT } from '../launcher/services';
import { loadContract, promiseClient } from '../protos/src';
import { startSandbox, type Sandbox } from './support/harness';
import { request } from './support/http';
import { connectInspector, inspectorUrlIn } from './support/inspector';
import { report, until } from './support/sandbox';

const SERVICES = ['user-service', 'product-service', 'order-service'];

describe('a reset in place (npm run sandbox -- reset)', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  const contract = loadContract();
  const address = (name: string) => `127.0.0.1:${sandbox.supervisor.ports[name]}`;
  const control = (method: string, path: string) =>
    askSandbox(controlPath(sandbox.env.GATEWAY_PORT as string), method, path);
  const reset = async () => {
    const answer = await control('POST', '/reset');
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  };
  const pids = () => SERVICES.map((name) => sandbox.supervisor.running.get(name)?.child.pid);

  before(async function () {
    this.timeout(60_000);
    // a lease longer than the test: one that outlived its reset would hold its old state in memory
    sandbox = await startSandbox({ env: { NODE_OPTIONS: '--inspect=127.0.0.1:0', RESERVATION_TTL_MS: '3600000' } });
  });
  after(() => sandbox?.stop());

  // one connection to each, as product-service keeps one to order-service: a reset keeps them
  let stockClient: InstanceType<typeof contract.product.ProductService>;
  let ordersClient: InstanceType<typeof contract.order.OrderService>;
  before(() => {
    stockClient = new contract.product.ProductService(address('product-service'), grpc.credentials.createInsecure());
    ordersClient = new contract.order.OrderService(address('order-service'), grpc.credentials.createInsecure());
  });
  after(() => [stockClient, ordersClient].forEach((client) => client?.close()));

  /** A follower of a service's events, straight from the service, as product-service follows order-service's. */
  function watch(service: 'product-service' | 'order-service') {
    const request = { afterSequence: 0, follow: true };
    const call = service === 'product-service' ? stockClient.WatchStock(request) : ordersClient.WatchOrders(request);
    const ended = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.on('data', () => undefined);
    call.on('error', () => undefined); // its end is read from 'status'
    const opened = new Promise((resolve) => call.once('metadata', resolve));
    return { opened, ended, close: () => call.cancel() };
  }

  it('ends every open stream of events with UNAVAILABLE, as a restart does: followers watch again, from the start', async () => {
    const streams = [watch('product-service'), watch('order-service')];
    await Promise.all(streams.map((stream) => stream.opened));
    const before = pids();
    await reset();
    const ended = await Promise.all(streams.map((stream) => stream.ended));
    streams.forEach((stream) => stream.close());
    expect(ended.map(({ code, details }) => [grpc.status[code], details])).to.deep.equal([
      ['UNAVAILABLE', 'product-service was reset: its events begin again at 1; watch again from after_sequence 0'],
      ['UNAVAILABLE', 'order-service was reset: its events begin again at 1; watch again from after_sequence 0'],
    ]);
    expect(pids(), 'the same processes: reset in place').to.deep.equal(before);
  });

  it('puts the settings back as npm start began them, in place', async () => {
    expect((await control('POST', '/settings/auth/required')).status).to.equal(200);
    expect((await control('POST', '/settings/saga/on')).status).to.equal(200);
    await reset();
    // AUTH off again: a call to a service without the gateway's secret is served
    const client = new contract.user.UserService(address('user-service'), grpc.credentials.createInsecure());
    const user = await promiseClient(client).GetUser({ id: '1' });
    client.close();
    expect(user).to.include({ id: '1', name: 'John' });
    // ORDER_SAGA off again: an order is CONFIRMED at once, as the diagram draws it
    const order = await request(sandbox.url, 'POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 });
    expect([order.status, order.body.status, order.body.id]).to.deep.equal([201, 'CONFIRMED', '1']);
  });

  it('is complete with two replicas: each one back to the seed data, with its own block of user ids again', async () => {
    for (const service of ['user-service', 'product-service']) {
      const scaled = await control('POST', `/processes/${service}/scale/2`);
      expect(scaled.status, JSON.stringify(scaled.body)).to.equal(200);
    }
    const before = [...sandbox.supervisor.running.entries()].map(([name, { child }]) => `${name} ${child.pid}`);
    const connect = <Client extends grpc.Client>(
      Client: new (address: string, credentials: grpc.ChannelCredentials) => Client,
      name: string,
    ) => new Client(address(name), grpc.credentials.createInsecure());
    const users = ['user-service', 'user-service-2'].map((name) => connect(contract.user.UserService, name));
    const products = ['product-service', 'product-service-2'].map((name) =>
      connect(contract.product.ProductService, name),
    );
    const signUp = (client: (typeof users)[number], email: string) =>
      promiseClient(client).CreateUser({ name: 'Newcomer', email, password: 'newcomer-password' });
    const listProducts = async (client: (typeof products)[number]) =>
      (await promiseClient(client).ListProducts({ pageSize: 100 })).products.length;
    try {
      const seeded = await Promise.all(products.map(listProducts));
      await Promise.all(users.map((client, i) => signUp(client, `before-${i}@example.com`)));
      for (const client of products)
        await promiseClient(client).CreateProduct({ name: 'Only here', description: '', price: 1, stock: 1 });
      await reset();
      expect(await Promise.all(products.map(listProducts))).to.deep.equal(seeded);
      const ids = await Promise.all(users.map((client, i) => signUp(client, `after-${i}@example.com`)));
      expect(ids.map((user) => user.id)).to.deep.equal(['4', '1001']);
      expect(
        [...sandbox.supervisor.running.entries()].map(([name, { child }]) => `${name} ${child.pid}`),
      ).to.deep.equal(before);
    } finally {
      [...users, ...products].forEach((client) => client.close());
      for (const service of ['user-service', 'product-service'])
        expect((await control('POST', `/processes/${service}/scale/1`)).status).to.equal(200);
    }
  });

  it("twenty resets do not grow the services' heap: the old states are freed, each one", async function () {
    this.timeout(120_000);
    const inspectors = await Promise.all(
      SERVICES.map(async (name) => {
        const url = inspectorUrlIn(sandbox.processes.get(name)?.output ?? []);
        expect(url, `${name}'s inspector`).to.be.a('string');
        return connectInspector(url as string);
      }),
    );
    const [products, orders] = [promiseClient(stockClient), promiseClient(ordersClient)];
    // each state gets a bit of everything a reset must let go of: orders and their events, products
    // (a kilobyte each), a stock lease (an hour long), and open streams, ended by the reset
    const useIt = async (round: number) => {
      await orders.CreateOrder({ userId: '1', productId: '2', quantity: 1 });
      const description = `${round} `.repeat(1000).slice(0, 1000);
      for (let i = 0; i < 10; i += 1)
        await products.CreateProduct({ name: `Product ${i}`, description, price: 1, stock: 10 });
      await products.ReserveStock({ orderId: `heap-${round}`, productId: '1', quantity: 1 });
      const streams = [watch('product-service'), watch('order-service')];
      await Promise.all(streams.map((stream) => stream.opened));
      return streams;
    };
    const resets = async (count: number, from: number) => {
      for (let round = from; round < from + count; round += 1) {
        const streams = await useIt(round);
        await reset();
        await Promise.all(streams.map((stream) => stream.ended));
        streams.forEach((stream) => stream.close());
      }
    };
    const heaps = () => Promise.all(inspectors.map((inspector) => inspector.heapUsedAfterGc()));
    // Each service's state is one store (its Map of records) and what hangs on it: everything a
    // reset makes is the new state, and whatever kept an old one alive (a timer, a follower, a
    // handler) would keep its store. So counting the stores that live tells exactly whether every
    // reset freed its old state, however small: one kept state is one store too many. The heap alone
    // tells less, however many resets: a reading moves by up to 0.2 MB from one to the next, so a
    // hundred resets, as this test made before, showed a kept state only if it held more than about
    // 17 kB (15% of 11 MB, over a hundred), which user-service's (three users) never does.
    const stores = () =>
      Promise.all(
        [
          ['user-service/src/store.ts', 'UserStore'],
          ['product-service/src/store.ts', 'ProductStore'],
          ['order-service/src/store.ts', 'OrderStore'],
        ].map(([file, className], i) => inspectors[i].liveInstances(path.join(ROOT, file), className)),
      );
    try {
      await resets(5, 0); // what the first resets load and compile is not a leak
      const before = await heaps();
      await resets(20, 5);
      const after = await heaps();
      const ratios = after.map((heap, i) => heap / before[i]);
      report(
        `heap after 20 more resets: ${SERVICES.map((name, i) => `${name} ${(before[i] / 1e6).toFixed(1)} → ${(after[i] / 1e6).toFixed(1)} MB`).join(', ')}`,
      );
      expect(await stores(), 'the stores alive in user-, product- and order-service').to.deep.equal([1, 1, 1]);
      for (const [i, ratio] of ratios.entries())
        expect(ratio, `${SERVICES[i]}'s heap after / before`).to.be.below(1.15);
    } finally {
      inspectors.forEach((inspector) => inspector.close());
    }
  });

  it('restarts a service whose code changed since it started (an exercise written meanwhile): it runs the code as it is now', async () => {
    const before = pids();
    const file = path.join(ROOT, 'order-service', 'src', 'server.ts');
    const now = new Date();
    fs.utimesSync(file, now, now); // as if saved again: the same code, saved after order-service started
    await reset();
    const after = pids();
    expect(after[2], 'order-service: a new process').to.not.equal(before[2]);
    const order = await request(sandbox.url, 'POST', '/api/orders', { userId: '3', productId: '1', quantity: 1 });
    expect([order.status, order.body.id]).to.deep.equal([201, '1']);
  });

  it('leaves every service serving, the first order "1" again', async () => {
    await until(async () => (await request(sandbox.url, 'GET', '/health')).status === 200, 'the gateway to be ready');
    await reset();
    const order = await request(sandbox.url, 'POST', '/api/orders', { userId: '2', productId: '1', quantity: 1 });
    expect([order.status, order.body.id]).to.deep.equal([201, '1']);
  });
});
