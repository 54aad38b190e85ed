// Choreography (tutorial lessons 17 and 18): product-service follows order-service's events and
// reacts on its own. When an order is cancelled, order-service does not call product-service; it
// says "order.cancelled" to whoever listens, and product-service gives the order's stock back.
// Nobody orchestrates: each service knows only the events it cares about.
//
// The stream is one long WatchOrders call. When it breaks (order-service stopped, restarted,
// killed), product-service calls again after a short wait and resumes after the last event it saw,
// so no cancellation is missed while order-service keeps its events. A restarted order-service
// numbers its events from 1 again: "after 57" is then in its future (OUT_OF_RANGE), and
// product-service starts again from the beginning. A reset (npm run sandbox -- reset) ends the
// stream too, and makes product-service's follower anew, from the beginning of the new events. Giving stock back twice is harmless: release is
// idempotent per order (./stock.ts).
import * as grpc from '@grpc/grpc-js';
import { clientOptions, loadContract, type Logger, type PlugIn } from '@sandbox/protos';
import type { OrderEvent__Output } from '@sandbox/protos/generated/order/OrderEvent';
import type { Stock } from './stock';

const RETRY_MS = 500;

export type OrderServiceClient = InstanceType<ReturnType<typeof loadContract>['order']['OrderService']>;

export interface OrderEventOptions {
  orderService: OrderServiceClient; // connectToOrderService: one connection, which a reset keeps
  log: Logger;
}

/** The connection to order-service whose events are followed (../index.ts makes it once). */
export function connectToOrderService(orderServiceAddr: string, plugIns?: PlugIn[]): OrderServiceClient {
  // AUTH=required: the sandbox's secret goes along (plugIns)
  return new (loadContract().order.OrderService)(
    orderServiceAddr,
    grpc.credentials.createInsecure(),
    clientOptions('order-service', plugIns),
  );
}

/** Follows order-service's events until stopped; returns the function that stops it. */
export function followOrderEvents(stock: Stock, options: OrderEventOptions): () => void {
  const client = options.orderService;
  let lastSeen = 0;
  let stopped = false;
  let call: grpc.ClientReadableStream<OrderEvent__Output> | undefined;
  let retry: NodeJS.Timeout | undefined;

  const react = (event: OrderEvent__Output) => {
    lastSeen = event.sequence;
    // exercise subscriber ▼
    if (event.type !== 'order.cancelled' || !event.order) return;
    const released = stock.release(event.stockKey);
    if (released.quantity > 0)
      options.log.info(
        `order ${event.order.id} was cancelled (order-service's event ${event.sequence}): ${released.quantity} × product ${released.productId} back in stock, ${released.stockLeft} now`,
      );
    // exercise subscriber ▲
  };

  const watch = () => {
    if (stopped) return;
    call = client.WatchOrders({ afterSequence: lastSeen, follow: true });
    call.on('data', react);
    call.on('error', () => undefined); // every ending is handled on 'status', just below
    call.on('status', (status: grpc.StatusObject) => {
      if (stopped) return;
      if (status.code === grpc.status.OUT_OF_RANGE) lastSeen = 0; // a new order-service: its events start at 1 again
      retry = setTimeout(watch, RETRY_MS).unref();
    });
  };
  watch();

  return () => {
    stopped = true;
    clearTimeout(retry);
    call?.cancel();
  };
}
