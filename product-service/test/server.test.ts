// product-service over real gRPC on a free loopback port: what grpcurl or Postman would see.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, unaryCall } from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { Reservation__Output } from '@sandbox/protos/generated/product/Reservation';
import { servedForTests, silentLog } from '@sandbox/protos/testing';
import { createSeededStore } from '../src/seed';
import { createServer } from '../src/server';
import { productStock, type StockChapter } from '../src/stock';

describe('product-service over gRPC', () => {
  const served = servedForTests(
    () => createServer(createSeededStore(), { log: silentLog }),
    (address) => new (loadContract().product.ProductService)(address, grpc.credentials.createInsecure()),
  );

  it('returns product "1" as the diagram draws it (step 4b)', async () => {
    const product = await unaryCall<Product__Output>((done) => served.client.getProduct({ id: '1' }, done));
    expect(product).to.include({ id: '1', name: 'Laptop', price: 1000 });
  });

  it('round-trips a price with cents exactly', async () => {
    const created = await unaryCall<Product__Output>((done) =>
      served.client.createProduct({ name: 'Pen', description: '', price: 0.1 }, done),
    );
    expect(created.price).to.equal(0.1);
  });
});

describe('product-service over gRPC, with its stock (lessons 16–18)', () => {
  let chapter: StockChapter;
  const served = servedForTests(
    () => {
      const store = createSeededStore();
      chapter = productStock(store, { leaseMs: 10_000 });
      return createServer(store, { log: silentLog, chapters: [chapter] });
    },
    (address) => new (loadContract().product.ProductService)(address, grpc.credentials.createInsecure()),
  );
  const typesSince = (sequence: number) =>
    chapter.stock.events.since(sequence).map((event) => `${event.type} ${event.productId} ${event.stock}`);

  it('says "stock.changed" for a new product and for a stock set by hand, not for a new price', async () => {
    const before = chapter.stock.events.lastSequence;
    const created = await unaryCall<Product__Output>((done) =>
      served.client.createProduct({ name: 'Lamp', description: '', price: 35, stock: 3 }, done),
    );
    await unaryCall<Product__Output>((done) => served.client.updateProduct({ id: created.id, price: 30 }, done));
    await unaryCall<Product__Output>((done) => served.client.updateProduct({ id: created.id, stock: 8 }, done));
    expect(typesSince(before)).to.deep.equal([`stock.changed ${created.id} 3`, `stock.changed ${created.id} 8`]);
  });

  it('reserves and commits once per order, and validates what it is asked', async () => {
    const reserve = (orderId: string) =>
      unaryCall<Reservation__Output>((done) =>
        served.client.reserveStock({ orderId, productId: '2', quantity: 4 }, done),
      );
    expect(await reserve('1@run')).to.include({ state: 'HELD', stockLeft: 996 });
    expect(await reserve('1@run')).to.include({ state: 'HELD', stockLeft: 996 });
    expect(
      await unaryCall<Reservation__Output>((done) => served.client.commitStock({ orderId: '1@run' }, done)),
    ).to.include({ state: 'COMMITTED' });
    const refused = await reserve('').catch((error: grpc.ServiceError) => error);
    expect([(refused as grpc.ServiceError).code, (refused as grpc.ServiceError).details]).to.deep.equal([
      grpc.status.INVALID_ARGUMENT,
      'orderId must be a non-empty id of at most 64 characters, such as "1"',
    ]);
  });
});
