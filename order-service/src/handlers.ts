// One function per RPC of order.proto, named like the RPC. createOrder is the diagram's
// "Create Order" flow, grown into a saga (lesson 16); read it top to bottom next to DIAGRAM.md.
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { GrpcError, isValidId, isValidQuantity, notFound, pageOf, requireValid, type Logger } from '@sandbox/protos';
import type { CancelOrderRequest__Output } from '@sandbox/protos/generated/order/CancelOrderRequest';
import type { CreateOrderRequest__Output } from '@sandbox/protos/generated/order/CreateOrderRequest';
import type { GetOrderRequest__Output } from '@sandbox/protos/generated/order/GetOrderRequest';
import type { ListOrdersRequest__Output } from '@sandbox/protos/generated/order/ListOrdersRequest';
import type { Lookups } from './lookups';
import { Payments } from './payments';
import { totalPrice } from './pricing';
import type { Order, OrderStore } from './store';

type Call = grpc.ServerUnaryCall<unknown, unknown>;

export interface SagaOptions {
  // ORDER_SAGA=off: the diagram's flow only (no stock, no payment); every order is CONFIRMED.
  // An object, so the launcher can switch it while the sandbox runs (index.ts).
  saga: { on: boolean };
  payments: Payments;
  // runs the payment step; index.ts may wrap it (the lab shows it, lesson 16)
  payment: <T>(call: Call, work: () => T) => Promise<T>;
  log?: Logger;
  now: () => Date;
}

export function createHandlers(store: OrderStore, lookups: Lookups, options: Partial<SagaOptions> = {}) {
  const { saga = { on: false }, payments = new Payments(), payment = async (_call, work) => work(), log, now = () => new Date() } = options;

  /** Between the saga's steps: a caller that gave up (a deadline, a hang-up) ends the saga there. */
  function stillWanted(call: Call): void {
    if (call.cancelled) throw new GrpcError(status.CANCELLED, 'the caller gave up before the order was confirmed');
  }

  return {
    // DIAGRAM step 2: the gateway called CreateOrder(userId, productId, quantity).
    async createOrder(request: CreateOrderRequest__Output, call: Call): Promise<Order> {
      requireValid('userId', isValidId(request.userId));
      requireValid('productId', isValidId(request.productId));
      requireValid('quantity', isValidQuantity(request.quantity));

      // DIAGRAM steps 3a/3b: GetUser and GetProduct in parallel. Both calls are started before
      // either is awaited, so the order waits for the slower lookup, not for the sum of the two.
      // DIAGRAM steps 4a/4b: their answers. A missing user or product fails the order (NOT_FOUND).
      const [user, product] = await Promise.all([lookups.getUser(request.userId, call), lookups.getProduct(request.productId, call)]);

      // DIAGRAM step 5: calculate totalPrice = price × quantity.
      const total = totalPrice(product.price, request.quantity);

      // DIAGRAM step 6: create and store the order, with the names as they are today. It is
      // PENDING until the saga below confirms it.
      const order = store.create({
        userId: user.id,
        productId: product.id,
        quantity: request.quantity,
        totalPrice: total,
        userName: user.name,
        productName: product.name,
        createdAt: now().toISOString(),
      });
      // DIAGRAM step 7: returning it sends it back to the gateway over gRPC.
      if (!saga.on) return store.setStatus(order.id, 'CONFIRMED');
      return runSaga(order, call);
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

    // Lesson 17: a CONFIRMED order becomes CANCELLED. order-service refunds the payment and says
    // "order.cancelled"; product-service hears it and gives the stock back (choreography:
    // product-service/src/order-events.ts). Cancelling twice answers the cancelled order again.
    cancelOrder(request: CancelOrderRequest__Output): Order {
      requireValid('id', isValidId(request.id));
      const order = store.get(request.id);
      if (!order) throw notFound(`order ${request.id} not found`);
      if (order.status === 'CANCELLED') return order;
      if (order.status !== 'CONFIRMED') {
        throw new GrpcError(status.FAILED_PRECONDITION, `order ${order.id} is ${order.status}: only a CONFIRMED order can be cancelled`);
      }
      payments.refund(order.id);
      return store.setStatus(order.id, 'CANCELLED');
    },
  };

  /**
   * Lesson 16, the saga: reserve the stock, take the payment, confirm. Each step that succeeds
   * pushes what would undo it; when a later step fails, those run in reverse (compensation), the
   * order ends FAILED with the reason, and the caller gets the step's error.
   */
  async function runSaga(pending: Order, call: Call): Promise<Order> {
    const undo: Array<{ step: string; run: () => Promise<unknown> | void }> = [];
    try {
      // Reserve: its undo is pushed *before* the call. If the call times out, we cannot know
      // whether product-service reserved; releasing is idempotent, so release anyway.
      const stockKey = store.stockKey(pending.id); // unique across restarts of order-service
      undo.push({ step: 'release the stock', run: () => lookups.releaseStock(stockKey, call) });
      await lookups.reserveStock(stockKey, pending.productId, pending.quantity, call);
      stillWanted(call);
      store.setStatus(pending.id, 'PRODUCT_RESERVED');

      // Pay (a mock provider, in memory: ./payments.ts).
      await payment(call, () => payments.charge(pending.id, pending.totalPrice));
      undo.push({ step: 'refund the payment', run: () => payments.refund(pending.id) });
      stillWanted(call);
      store.setStatus(pending.id, 'PAID');

      // Confirm: the held stock is sold. Past this point the order stands.
      await lookups.commitStock(stockKey, call);
      return store.setStatus(pending.id, 'CONFIRMED');
    } catch (error) {
      for (const { step, run } of undo.reverse()) {
        try {
          await run();
        } catch (undoError) {
          // the lease gives held stock back by itself (product-service/src/stock.ts)
          log?.warn(`order ${pending.id}: could not ${step} (${undoError instanceof GrpcError ? undoError.details : String(undoError)})`);
        }
      }
      store.setStatus(pending.id, 'FAILED', reasonOf(error));
      throw error;
    }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof GrpcError ? error.details : 'internal error';
}

export type OrderHandlers = ReturnType<typeof createHandlers>;
