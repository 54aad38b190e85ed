// product-service over real gRPC on a free loopback port: what grpcurl or Postman would see.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { listen, loadContract, stop, unaryCall, type GrpcService } from '@sandbox/protos';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { ProductServiceClient } from '@sandbox/protos/generated/product/ProductService';
import { silentLog } from '@sandbox/protos/testing';
import { createSeededStore } from '../src/seed';
import { createServer } from '../src/server';

describe('product-service over gRPC', () => {
  let service: GrpcService;
  let client: ProductServiceClient;

  before(async () => {
    service = createServer(createSeededStore(), { log: silentLog });
    const port = await listen(service, '127.0.0.1', 0);
    client = new (loadContract().product.ProductService)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(async () => {
    client.close();
    await stop(service, 1000);
  });

  it('returns product "1" as the diagram draws it (step 4b)', async () => {
    const product = await unaryCall<Product__Output>((done) => client.getProduct({ id: '1' }, done));
    expect(product).to.include({ id: '1', name: 'Laptop', price: 1000 });
  });

  it('round-trips a price with cents exactly', async () => {
    const created = await unaryCall<Product__Output>((done) => client.createProduct({ name: 'Pen', description: '', price: 0.1 }, done));
    expect(created.price).to.equal(0.1);
  });
});
