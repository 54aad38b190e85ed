// Builds product-service's gRPC server (handlers + health + reflection). Listening is index.ts's
// job, so tests can bind the same server to a free port.
import type { Logger, PlugIn } from '@sandbox/protos';
import {
  createGrpcServer,
  unary,
  type GrpcService,
  type ServiceState,
  type StopReason,
} from '@sandbox/protos/src/server';
import type { ProductServiceHandlers } from '@sandbox/protos/generated/product/ProductService';
import { createHandlers, type ProductHandlers } from './handlers';
import type { ProductStore } from './store';

type Rpcs = Partial<ProductServiceHandlers>;

/** A chapter of a later lesson, in a folder of its own: the RPCs it adds, or takes over from the diagram. */
export interface Chapter {
  rpcs(diagram: ProductHandlers, context: { name: string; log: Logger }): Rpcs;
  stop?(why: StopReason): void; // ends its streams, timers and followers: the service stops, or is reset
}

export interface ServerOptions {
  log: Logger;
  plugIns?: PlugIn[]; // work beside the diagram around every call: the lab's, the secret's (index.ts)
  chapters?: Chapter[]; // the later lessons' RPCs (index.ts lists them); none: the diagram's alone
}

export function createServer(store: ProductStore, options: ServerOptions): GrpcService {
  return serve(createRpcs(store, options), options.plugIns);
}

/** product-service's RPCs over `store`: what its server serves, at start and after each reset (index.ts). */
export function createRpcs(store: ProductStore, options: Omit<ServerOptions, 'plugIns'>): ServiceState {
  const handlers = createHandlers(store);
  const context = { name: 'product-service', log: options.log };
  const rpcs: Rpcs = {
    CreateProduct: unary(handlers.createProduct, context),
    GetProduct: unary(handlers.getProduct, context),
    ListProducts: unary(handlers.listProducts, context),
    UpdateProduct: unary(handlers.updateProduct, context),
    DeleteProduct: unary(handlers.deleteProduct, context),
  };
  const chapters = options.chapters ?? [];
  // each chapter adds its RPCs, or takes one of the diagram's over: the one place they plug in
  for (const chapter of chapters) Object.assign(rpcs, chapter.rpcs(handlers, context));
  // an RPC of the contract that nothing here serves (its chapter left out) answers UNIMPLEMENTED
  return {
    handlers: rpcs as ProductServiceHandlers,
    stopChapters: (why) => chapters.forEach((chapter) => chapter.stop?.(why)),
  };
}

/** A gRPC server that serves `rpcs` (createRpcs), with the plug-ins around every call. */
export function serve(rpcs: ServiceState, plugIns?: PlugIn[]): GrpcService {
  return createGrpcServer({ protoFile: 'product.proto', serviceName: 'product.ProductService', ...rpcs, plugIns });
}
