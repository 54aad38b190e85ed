// What order-service tells whoever listens (tutorial lesson 18): each order created, confirmed,
// failed or cancelled, as an event on WatchOrders, a gRPC server stream. The store tells this
// chapter of each change (OrderStore.onChange); nothing else in order-service knows who listens.
// The log and the stream are the events package's (events/src/index.ts).
import { EventLog } from '@sandbox/events';
import type { OrderEvent__Output } from '@sandbox/protos/generated/order/OrderEvent';
import type { Chapter } from '../server';
import type { Order, OrderStatus, OrderStore } from '../store';

// the changes of status that other services hear about
const PUBLISHED: Partial<Record<OrderStatus, string>> = {
  CONFIRMED: 'order.confirmed',
  FAILED: 'order.failed',
  CANCELLED: 'order.cancelled',
};

export interface OrderEvents extends Chapter {
  log: EventLog<OrderEvent__Output>; // what was published, and is still kept
}

/** The chapter: publishes the store's changes, and serves them on WatchOrders. `eventsKept`: EVENTS_KEPT. */
export function orderEvents(store: OrderStore, eventsKept?: number): OrderEvents {
  const events = new EventLog<OrderEvent__Output>('order-service', eventsKept);
  // every event names the order's stock at product-service too, which gives it back on "order.cancelled"
  const publish = (type: string, order: Order) => events.publish({ type, order, stockKey: store.keyOf(order.id) });

  store.onChange((order, was) => {
    // "order.created" tells of the order as it came in, not yet confirmed: PENDING. An order made
    // CONFIRMED at once (ORDER_SAGA off) is then confirmed in the next event, so a follower reads
    // every order's life the same way, whichever way it went (lessons 17 and 18).
    if (was === undefined) publish('order.created', { ...order, status: 'PENDING' });
    const type = PUBLISHED[order.status];
    if (type) publish(type, order);
  });

  return {
    log: events,
    // a server stream: the events kept, then each new one
    rpcs: () => ({ WatchOrders: (call) => events.serve(call) }),
    stop: (why) => events.close(why), // its followers watch again: after a reset, from the new log's start
  };
}
