// One function per RPC of order.proto, named like the RPC. createOrder is the diagram's
// "Create Order" flow; read it top to bottom next to DIAGRAM.md.
import type * as grpc from '@grpc/grpc-js';
import { isValidId, isValidQuantity, notFound, requireValid } from '@sandbox/protos';
import type { CreateOrderRequest__Output } from '@sandbox/protos/generated/order/CreateOrderRequest';
import type { GetOrderRequest__Output } from '@sandbox/protos/generated/order/GetOrderRequest';
import type { ListOrdersRequest__Output } from '@sandbox/protos/generated/order/ListOrdersRequest';
import type { ListOrdersResponse } from '@sandbox/protos/generated/order/ListOrdersResponse';
import type { Lookups } from './lookups';
import { totalPrice } from './pricing';
import type { Order, OrderStore } from './store';

export function createHandlers(store: OrderStore, lookups: Lookups, now: () => Date = () => new Date()) {
  return {
    // DIAGRAM step 2: the gateway called CreateOrder(userId, productId, quantity).
    async createOrder(request: CreateOrderRequest__Output, call: grpc.ServerUnaryCall<unknown, unknown>): Promise<Order> {
      requireValid('userId', isValidId(request.userId));
      requireValid('productId', isValidId(request.productId));
      requireValid('quantity', isValidQuantity(request.quantity));

      // DIAGRAM steps 3a/3b: GetUser and GetProduct in parallel; both are in flight at once,
      // so the order waits for the slower lookup, not for the sum of the two.
      // DIAGRAM steps 4a/4b: their answers. A missing user or product fails the order (NOT_FOUND).
      // allSettled, not all: even when one fails we wait for the other, so the trace shows both
      // lookups and the error reported does not depend on which one failed first.
      const [user, product] = await Promise.allSettled([
        lookups.getUser(request.userId, call),
        lookups.getProduct(request.productId, call),
      ]);
      if (user.status === 'rejected') throw user.reason;
      if (product.status === 'rejected') throw product.reason;

      // DIAGRAM step 5: calculate totalPrice = price × quantity.
      const total = totalPrice(product.value.price, request.quantity);

      // DIAGRAM step 6: create and store the order, with the names as they are today.
      // DIAGRAM step 7: returning it sends it back to the gateway over gRPC.
      return store.create({
        userId: user.value.id,
        productId: product.value.id,
        quantity: request.quantity,
        totalPrice: total,
        userName: user.value.name,
        productName: product.value.name,
        createdAt: now().toISOString(),
      });
    },

    getOrder(request: GetOrderRequest__Output): Order {
      requireValid('id', isValidId(request.id));
      const order = store.get(request.id);
      if (!order) throw notFound(`order ${request.id} not found`);
      return order;
    },

    // An empty userId lists every order.
    listOrders(request: ListOrdersRequest__Output): ListOrdersResponse {
      if (request.userId !== '') requireValid('userId', isValidId(request.userId));
      return { orders: store.list(request.userId || undefined) };
    },
  };
}

export type OrderHandlers = ReturnType<typeof createHandlers>;
