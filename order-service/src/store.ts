// order-service's data: a Map in memory (DIAGRAM: "Order Data (Map)"). No gRPC here, so it can be
// tested on its own.
import { randomBytes } from 'node:crypto';
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

export type NewOrder = Omit<Order, 'id' | 'failureReason'>;

/** Told of each order stored (`was`: undefined) and of each change of its status. */
export type OrderListener = (order: Order, was: OrderStatus | undefined) => void;

export class OrderStore {
  private readonly orders = new Map<string, Order>();
  private lastId = 0;
  private readonly listeners: OrderListener[] = [];
  // this run of order-service: ids start at "1" at every start, so other services tell orders apart
  // by "<id>@<run>" (keyOf)
  private readonly run = randomBytes(4).toString('hex');

  /** `listener` hears of every order stored and every change of status, after it is made. */
  onChange(listener: OrderListener): void {
    this.listeners.push(listener);
  }

  create(fields: NewOrder): Order {
    // ids are "1", "2", … as on the diagram: the first order is order "1"
    const order: Order = { id: String(++this.lastId), ...fields };
    this.orders.set(order.id, order);
    this.tell(order, undefined);
    return { ...order };
  }

  setStatus(id: string, status: OrderStatus, failureReason?: string): Order {
    const order = this.orders.get(id);
    if (!order) throw new Error(`order ${id} is not stored`); // a bug: only stored orders change
    const was = order.status;
    order.status = status;
    if (failureReason !== undefined) order.failureReason = failureReason;
    this.tell(order, was);
    return { ...order };
  }

  /** The order's name for other services, unique across restarts: its id and this run, "1@9f3ac2d1". */
  keyOf(id: string): string {
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

  private tell(order: Order, was: OrderStatus | undefined): void {
    for (const listener of this.listeners) listener({ ...order }, was);
  }
}
