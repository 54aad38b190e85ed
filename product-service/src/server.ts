// Builds product-service's gRPC server (handlers + health + reflection). Listening is index.ts's
// job, so tests can bind the same server to a free port.
import { createGrpcServer, unary, type GrpcService, type Logger, type PlugIn } from '@sandbox/protos';
import { EventLog } from '@sandbox/events';
import type { ProductServiceHandlers } from '@sandbox/protos/generated/product/ProductService';
import { createHandlers } from './handlers';
import { Stock } from './stock';
import type { ProductStore } from './store';

export interface ServerOptions {
  log: Logger;
  plugIns?: PlugIn[]; // work beside the diagram around every call: the lab's, the secret's (index.ts)
  reservationTtlMs?: number; // how long stock stays held for an order that is not confirmed (./stock.ts)
  eventsKept?: number; // the stock events kept for WatchStock (events/src/index.ts)
}

export interface ProductService extends GrpcService {
  stock: Stock;
}

export function createServer(store: ProductStore, options: ServerOptions): ProductService {
  const stock = new Stock(store, new EventLog('product-service', options.eventsKept), options.reservationTtlMs ?? 10_000);
  const handlers = createHandlers(store, stock);
  const context = { name: 'product-service', log: options.log };
  const rpcs: ProductServiceHandlers = {
    CreateProduct: unary(handlers.createProduct, context),
    GetProduct: unary(handlers.getProduct, context),
    ListProducts: unary(handlers.listProducts, context),
    UpdateProduct: unary(handlers.updateProduct, context),
    DeleteProduct: unary(handlers.deleteProduct, context),
    ReserveStock: unary(handlers.reserveStock, context),
    CommitStock: unary(handlers.commitStock, context),
    ReleaseStock: unary(handlers.releaseStock, context),
    // a server stream: the events kept, then each new one (events/src/index.ts)
    WatchStock: (call) => stock.events.serve(call),
  };
  const service = createGrpcServer({ protoFile: 'product.proto', serviceName: 'product.ProductService', handlers: rpcs, plugIns: options.plugIns });
  return { ...service, stock, endStreams: () => stock.events.close() };
}
