// product-service over real gRPC on a free loopback port: what grpcurl or Postman would see.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, unaryCall } from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import { servedForTests, silentLog } from '@sandbox/protos/testing';
import { createSeededStore } from '../src/seed';
import { createServer } from '../src/server';

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
    const created = await unaryCall<Product__Output>((done) => served.client.createProduct({ name: 'Pen', description: '', price: 0.1 }, done));
    expect(created.price).to.equal(0.1);
  });
});
