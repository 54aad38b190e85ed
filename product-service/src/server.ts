// Builds product-service's gRPC server (handlers + health + reflection). Listening is index.ts's
// job, so tests can bind the same server to a free port.
import type * as grpc from '@grpc/grpc-js';
import { createGrpcServer, unary, type GrpcService, type Logger } from '@sandbox/protos';
import type { ProductServiceHandlers } from '@sandbox/protos/generated/product/ProductService';
import { createHandlers } from './handlers';
import type { ProductStore } from './store';

export interface ServerOptions {
  log: Logger;
  interceptors?: grpc.ServerInterceptor[]; // cross-cutting work around every call: the lab's (index.ts)
}

export function createServer(store: ProductStore, options: ServerOptions): GrpcService {
  const handlers = createHandlers(store);
  const context = { name: 'product-service', log: options.log };
  const rpcs: ProductServiceHandlers = {
    CreateProduct: unary(handlers.createProduct, context),
    GetProduct: unary(handlers.getProduct, context),
    ListProducts: unary(handlers.listProducts, context),
    UpdateProduct: unary(handlers.updateProduct, context),
    DeleteProduct: unary(handlers.deleteProduct, context),
  };
  return createGrpcServer({ protoFile: 'product.proto', serviceName: 'product.ProductService', handlers: rpcs, interceptors: options.interceptors });
}
