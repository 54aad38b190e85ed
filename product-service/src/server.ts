// Builds product-service's gRPC server (handlers + health + reflection). Listening is index.ts's
// job, so tests can bind the same server to a free port.
import { createGrpcServer, unary, type GrpcService, type ServiceContext } from '@sandbox/protos';
import type { ProductServiceHandlers } from '@sandbox/protos/generated/product/ProductService';
import { createHandlers } from './handlers';
import type { ProductStore } from './store';

export function createServer(store: ProductStore, context: ServiceContext): GrpcService {
  const handlers = createHandlers(store);
  const rpcs: ProductServiceHandlers = {
    CreateProduct: unary(handlers.createProduct, context),
    GetProduct: unary(handlers.getProduct, context),
    ListProducts: unary(handlers.listProducts, context),
    UpdateProduct: unary(handlers.updateProduct, context),
    DeleteProduct: unary(handlers.deleteProduct, context),
  };
  return createGrpcServer({ protoFile: 'product.proto', serviceName: 'product.ProductService', handlers: rpcs });
}
