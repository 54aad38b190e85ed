// order-service's data: a Map in memory (DIAGRAM: "Order Data (Map)"), and the events that say
// how each order changed (lesson 18). No gRPC here, so it can be tested on its own.
import { randomBytes } from 'node:crypto';
import { EventLog } from '@sandbox/events';
import type { OrderEvent__Output } from '@sandbox/protos/generated/order/OrderEvent';
import type { OrderStatus__Output } from '@sandbox/protos/generated/order/OrderStatus';

export type OrderStatus = Exclude<OrderStatus__Output, 'STATUS_UNSPECIFIED'>;

export interface Order {
  id: string;
  userId: string;
  productId: string;
  quantity: number;
  totalPrice: number;
  userName: string;
  productName: string;
  createdAt: string;
  status: OrderStatus; // lesson 17: PENDING → PRODUCT_RESERVED → PAID → CONFIRMED (→ CANCELLED), or FAILED
  failureReason?: string; // only when FAILED: why
}

export type NewOrder = Omit<Order, 'id' | 'status' | 'failureReason'>;

// the changes of status that other services hear about: order-service's events
const PUBLISHED: Partial<Record<OrderStatus, string>> = { CONFIRMED: 'order.confirmed', FAILED: 'order.failed', CANCELLED: 'order.cancelled' };

export class OrderStore {
  private readonly orders = new Map<string, Order>();
  private lastId = 0;
  readonly events: EventLog<OrderEvent__Output>;
  // this run of order-service: ids start at "1" at every start, so other services tell orders apart
  // by "<id>@<run>" (stockKey), e.g. the stock product-service holds for an order
  private readonly run = randomBytes(4).toString('hex');

  constructor(eventsKept?: number) {
    this.events = new EventLog<OrderEvent__Output>('order-service', eventsKept);
  }

  /** A new order, PENDING: the saga has begun (handlers.ts). */
  create(fields: NewOrder): Order {
    // ids are "1", "2", … as on the diagram: the first order is order "1"
    const order: Order = { id: String(++this.lastId), ...fields, status: 'PENDING' };
    this.orders.set(order.id, order);
    this.events.publish({ type: 'order.created', order: { ...order }, stockKey: this.stockKey(order.id) });
    return { ...order };
  }

  setStatus(id: string, status: OrderStatus, failureReason?: string): Order {
    const order = this.orders.get(id);
    if (!order) throw new Error(`order ${id} is not stored`); // a bug: the saga only changes orders it stored
    order.status = status;
    if (failureReason !== undefined) order.failureReason = failureReason;
    const type = PUBLISHED[status];
    if (type) this.events.publish({ type, order: { ...order }, stockKey: this.stockKey(order.id) });
    return { ...order };
  }

  /** The key of the order's stock at product-service: its id, and this run. */
  stockKey(id: string): string {
    return `${id}@${this.run}`;
  }

  get(id: string): Order | undefined {
    const order = this.orders.get(id);
    return order && { ...order };
  }

  /** Every order, oldest first; only one user's when userId is given. */
  list(userId?: string): Order[] {
    return [...this.orders.values()]
      .filter((order) => !userId || order.userId === userId)
      .map((order) => ({ ...order }));
  }
}
