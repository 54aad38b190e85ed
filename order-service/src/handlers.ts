// One function per RPC of the diagram's order-service, named like the RPC. createOrder is the
// diagram's "Create Order" flow: read it top to bottom next to DIAGRAM.md. (The RPCs that later
// lessons add are in folders of their own, plugged in by index.ts: see README.md.)
import type * as grpc from '@grpc/grpc-js';
import { isValidId, isValidQuantity, notFound, pageOf, requireValid } from '@sandbox/protos';
import type { CreateOrderRequest__Output } from '@sandbox/protos/generated/order/CreateOrderRequest';
import type { GetOrderRequest__Output } from '@sandbox/protos/generated/order/GetOrderRequest';
import type { ListOrdersRequest__Output } from '@sandbox/protos/generated/order/ListOrdersRequest';
import type { Lookups } from './lookups';
import { totalPrice } from './pricing';
import type { Order, OrderStore } from './store';

type Call = grpc.ServerUnaryCall<unknown, unknown>;

/** What the handlers use of the store. */
export type Orders = Pick<OrderStore, 'create' | 'get' | 'list'>;

export interface HandlerOptions {
  now?: () => Date; // the clock that dates each order
}

export function createHandlers(store: Orders, lookups: Lookups, { now = () => new Date() }: HandlerOptions = {}) {
  return {
    // DIAGRAM step 2: the gateway called CreateOrder(userId, productId, quantity).
    async createOrder(request: CreateOrderRequest__Output, call: Call): Promise<Order> {
      requireValid('userId', isValidId(request.userId));
      requireValid('productId', isValidId(request.productId));
      requireValid('quantity', isValidQuantity(request.quantity));

      // DIAGRAM steps 3a/3b: GetUser and GetProduct in parallel. Both calls are started before
      // either is awaited, so the order waits for the slower lookup, not for the sum of the two.
      // DIAGRAM steps 4a/4b: their answers. A missing user or product fails the order (NOT_FOUND).
      // exercise fan-out ▼
      const [user, product] = await Promise.all([
        lookups.getUser(request.userId, call),
        lookups.getProduct(request.productId, call),
      ]);
      // exercise fan-out ▲

      // DIAGRAM step 5: calculate totalPrice = price × quantity.
      const total = totalPrice(product.price, request.quantity);

      // DIAGRAM step 6: create and store the order, with the names as they are today. Nothing
      // more is asked of anyone, so the order is CONFIRMED as it is made.
      const order = store.create({
        userId: user.id,
        productId: product.id,
        quantity: request.quantity,
        totalPrice: total,
        userName: user.name,
        productName: product.name,
        createdAt: now().toISOString(),
        status: 'CONFIRMED',
      });

      // DIAGRAM step 7: returning it sends it back to the gateway over gRPC.
      return order;
    },

    getOrder(request: GetOrderRequest__Output): Order {
      requireValid('id', isValidId(request.id));
      const order = store.get(request.id);
      if (!order) throw notFound(`order ${request.id} not found`);
      return order;
    },

    // An empty userId lists every order; one page at a time (protos/src/paging.ts).
    listOrders(request: ListOrdersRequest__Output): { orders: Order[]; nextPageToken: string } {
      if (request.userId !== '') requireValid('userId', isValidId(request.userId));
      const { items, nextPageToken } = pageOf(store.list(request.userId || undefined), request);
      return { orders: items, nextPageToken };
    },
  };
}

export type OrderHandlers = ReturnType<typeof createHandlers>;
