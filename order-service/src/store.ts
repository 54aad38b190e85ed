// order-service's data: a Map in memory (DIAGRAM: "Order Data (Map)"). No gRPC here, so it can be
// tested on its own.
export interface Order {
  id: string;
  userId: string;
  productId: string;
  quantity: number;
  totalPrice: number;
  userName: string;
  productName: string;
  createdAt: string;
}

export type NewOrder = Omit<Order, 'id'>;

export class OrderStore {
  private readonly orders = new Map<string, Order>();
  private lastId = 0;

  create(fields: NewOrder): Order {
    // ids are "1", "2", … as on the diagram: the first order is order "1"
    const order: Order = { id: String(++this.lastId), ...fields };
    this.orders.set(order.id, order);
    return { ...order };
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
