// Lesson 17: a CONFIRMED order becomes CANCELLED, and its payment is refunded. It is the saga's
// because it undoes what the saga did, after the fact; the diagram has no cancel. The stock comes
// back by choreography: the order's "order.cancelled" event (../events/) is heard by product-service,
// which gives the units back (product-service/src/stock/order-events.ts). Cancelling twice answers
// the cancelled order again.
import { status } from '@grpc/grpc-js';
import { GrpcError, isValidId, notFound, requireValid } from '@sandbox/protos';
import type { CancelOrderRequest__Output } from '@sandbox/protos/generated/order/CancelOrderRequest';
import type { Order, OrderStore } from '../store';
import type { Payments } from './payments';

export function cancelOrder(store: OrderStore, payments: Payments, request: CancelOrderRequest__Output): Order {
  requireValid('id', isValidId(request.id));
  const order = store.get(request.id);
  if (!order) throw notFound(`order ${request.id} not found`);
  if (order.status === 'CANCELLED') return order;
  if (order.status !== 'CONFIRMED') {
    throw new GrpcError(
      status.FAILED_PRECONDITION,
      `order ${order.id} is ${order.status}: only a CONFIRMED order can be cancelled`,
    );
  }
  payments.refund(order.id);
  return store.setStatus(order.id, 'CANCELLED');
}
