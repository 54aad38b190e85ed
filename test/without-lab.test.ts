// The lab sits beside the diagram, not inside it: with none of its interceptors and middleware
// plugged in, the four processes still do exactly what the diagram draws. Built here in one
// process on free ports, from the same functions each index.ts calls, minus the lab's lines.
import { expect } from 'chai';
import { listen, stop, type GrpcService } from '../protos/src/server';
import { silentLog } from '../protos/testing';
import { createSeededStore as seedUsers } from '../user-service/src/seed';
import { createServer as userServer } from '../user-service/src/server';
import { createSeededStore as seedProducts } from '../product-service/src/seed';
import { createServer as productServer } from '../product-service/src/server';
import { createLookups, type Lookups } from '../order-service/src/lookups';
import { createServer as orderServer } from '../order-service/src/server';
import { OrderStore } from '../order-service/src/store';
import { readConfig, type Config } from '../api-gateway/src/config';
import { servedGateway } from '../api-gateway/test/served-gateway';
import { request } from './support/http';

describe('the sandbox without the lab', () => {
  const services: GrpcService[] = [];
  let lookups: Lookups;
  let config: Config;

  before(async () => {
    const users = userServer(seedUsers(), { log: silentLog });
    const products = productServer(seedProducts(), { log: silentLog });
    const [userPort, productPort] = [await listen(users, '127.0.0.1', 0), await listen(products, '127.0.0.1', 0)];
    lookups = createLookups({
      userServiceAddr: `127.0.0.1:${userPort}`,
      productServiceAddr: `127.0.0.1:${productPort}`,
      lookupDeadlineMs: 2000,
    });
    const orders = orderServer(new OrderStore(), lookups, { log: silentLog });
    const orderPort = await listen(orders, '127.0.0.1', 0);
    services.push(users, products, orders);
    config = {
      ...readConfig({}),
      userServiceAddr: `127.0.0.1:${userPort}`,
      productServiceAddr: `127.0.0.1:${productPort}`,
      orderServiceAddr: `127.0.0.1:${orderPort}`,
    };
  });
  // the gateway with no lab: createApp(clients, config, log) and nothing more
  const gateway = servedGateway(() => config);

  after(async () => {
    lookups.close();
    await Promise.all(services.map((service) => stop(service, 1000)));
  });

  it("the diagram's order: 201, totalPrice 2000, John and the Laptop", async () => {
    const reply = await request(gateway.url, 'POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 });
    expect(reply.status).to.equal(201);
    expect(reply.body).to.include({
      id: '1',
      userId: '1',
      productId: '1',
      quantity: 2,
      totalPrice: 2000,
      userName: 'John',
      productName: 'Laptop',
    });
  });

  it('every route and error works as before: 404 naming what is missing, 400 naming the field', async () => {
    expect(
      (await request(gateway.url, 'POST', '/api/orders', { userId: '42', productId: '1', quantity: 1 })).body.error
        .message,
    ).to.equal('user 42 not found');
    expect(
      (await request(gateway.url, 'POST', '/api/orders', { userId: '1', productId: '1', quantity: 0 })).body.error
        .field,
    ).to.equal('quantity');
    expect((await request(gateway.url, 'GET', '/api/products?pageSize=2')).body.nextPageToken).to.equal('YWZ0ZXI6Mg');
    expect((await request(gateway.url, 'GET', '/health')).status).to.equal(200);
  });

  it('has none of the lab: no trace, no request id, no fault injection', async () => {
    const reply = await request(
      gateway.url,
      'POST',
      '/api/orders',
      { userId: '1', productId: '1', quantity: 1 },
      { 'x-fault-fail': 'user=UNAVAILABLE' },
    );
    expect(reply.status).to.equal(201); // nobody obeys the header
    expect(reply.headers.get('x-request-id')).to.equal(null);
    expect((await request(gateway.url, 'GET', '/traces')).status).to.equal(404);
  });
});
