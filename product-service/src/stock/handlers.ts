// The stock RPCs of order-service's saga (lesson 16), one function each, named like the RPC: each
// validates what it receives, then asks ./stock.ts, where each is idempotent per order.
import { isValidId, isValidQuantity, requireValid } from '@sandbox/protos';
import type { ReservationRequest__Output } from '@sandbox/protos/generated/product/ReservationRequest';
import type { ReserveStockRequest__Output } from '@sandbox/protos/generated/product/ReserveStockRequest';
import type { Reservation, Stock } from './stock';

export function createStockHandlers(stock: Stock) {
  return {
    reserveStock(request: ReserveStockRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      requireValid('productId', isValidId(request.productId));
      requireValid('quantity', isValidQuantity(request.quantity));
      return stock.reserve(request.orderId, request.productId, request.quantity);
    },

    commitStock(request: ReservationRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      return stock.commit(request.orderId);
    },

    releaseStock(request: ReservationRequest__Output): Reservation {
      requireValid('orderId', isValidId(request.orderId));
      return stock.release(request.orderId);
    },
  };
}
