// Stock (tutorial lessons 16 to 18): product-service's chapter beside the diagram, plugged in by
// ../index.ts. It adds the saga's RPCs on stock (ReserveStock, CommitStock, ReleaseStock: ./stock.ts
// holds the reservations and their leases), the stock events on WatchStock, and follows
// order-service's events to give a cancelled order's stock back (./order-events.ts). A product
// created, or its stock set by hand, is published too: CreateProduct and UpdateProduct are the
// diagram's, told to say so.
import { unary } from '@sandbox/protos/src/server';
import { EventLog } from '@sandbox/events';
import type { CreateProductRequest__Output } from '@sandbox/protos/generated/product/CreateProductRequest';
import type { StockEvent__Output } from '@sandbox/protos/generated/product/StockEvent';
import type { UpdateProductRequest__Output } from '@sandbox/protos/generated/product/UpdateProductRequest';
import type { Chapter } from '../server';
import type { Product, ProductStore } from '../store';
import { createStockHandlers } from './handlers';
import { followOrderEvents, type OrderEventOptions } from './order-events';
import { Stock } from './stock';

export { connectToOrderService } from './order-events';

export interface StockOptions {
  leaseMs: number; // RESERVATION_TTL_MS: how long stock stays held for an order that is not confirmed
  eventsKept?: number; // EVENTS_KEPT: the stock events kept for WatchStock
  follow?: OrderEventOptions; // order-service's events to follow (choreography, lesson 17); none: not followed
}

export interface StockChapter extends Chapter {
  stock: Stock;
}

export function productStock(store: ProductStore, options: StockOptions): StockChapter {
  const stock = new Stock(
    store,
    new EventLog<StockEvent__Output>('product-service', options.eventsKept),
    options.leaseMs,
  );
  const handlers = createStockHandlers(stock);
  // "stock.changed": a new product, or a stock set by hand (a restock)
  const changed = (product: Product) => (stock.changed(product), product);
  // choreography (lesson 17): a cancelled order's stock comes back when order-service says so
  const stopFollowing = options.follow ? followOrderEvents(stock, options.follow) : undefined;

  return {
    stock,
    rpcs: (products, context) => ({
      // the diagram's, then "stock.changed" when a stock was set
      CreateProduct: unary(
        (request: CreateProductRequest__Output) => changed(products.createProduct(request)),
        context,
      ),
      UpdateProduct: unary(
        (request: UpdateProductRequest__Output) =>
          request.stock === undefined ? products.updateProduct(request) : changed(products.updateProduct(request)),
        context,
      ),
      ReserveStock: unary(handlers.reserveStock, context),
      CommitStock: unary(handlers.commitStock, context),
      ReleaseStock: unary(handlers.releaseStock, context),
      // a server stream: the events kept, then each new one (events/src/index.ts)
      WatchStock: (call) => stock.events.serve(call),
    }),
    // the service stops, or a reset replaces this chapter with a new one: nothing of it goes on
    stop: (why) => {
      stock.events.close(why);
      stopFollowing?.();
      stock.dropLeases();
    },
  };
}
