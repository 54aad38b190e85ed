// Stock for order-service's saga (tutorial lesson 16): reserve, commit, release, each keyed by the
// order it is for.
//
//   idempotent  asking again for the same order changes nothing and answers the same, so a retry
//               (after a lost answer, say) never reserves or releases twice
//   atomic      a reservation checks and takes the stock in one step with no await in between:
//               Node runs one piece of JavaScript at a time, so two orders cannot both take the
//               last unit. No oversell, however many orders arrive at once.
//   leased      a reservation not committed within `leaseMs` gives its stock back by itself. If
//               order-service dies between reserve and confirm, nobody would ever release it.
//
// Every change is published as a stock event (WatchStock, lesson 18: ./index.ts serves them).
import { status } from '@grpc/grpc-js';
import { GrpcError, notFound } from '@sandbox/protos';
import { EventLog } from '@sandbox/events';
import type { StockEvent__Output as StockEvent } from '@sandbox/protos/generated/product/StockEvent';
import type { Product, ProductStore } from '../store';

export type ReservationState = 'HELD' | 'COMMITTED' | 'RELEASED';

export interface Reservation {
  orderId: string;
  productId: string;
  quantity: number;
  state: ReservationState;
  stockLeft: number;
}

interface Held {
  productId: string;
  quantity: number;
  state: ReservationState;
  lease?: NodeJS.Timeout;
}

// below this many units, a reservation publishes "stock.low" (once, as the stock crosses it)
export const LOW_STOCK = 5;

export class Stock {
  private readonly reservations = new Map<string, Held>(); // by order id

  constructor(
    private readonly store: ProductStore,
    readonly events: EventLog<StockEvent>,
    private readonly leaseMs: number,
  ) {}

  reserve(orderId: string, productId: string, quantity: number): Reservation {
    const held = this.reservations.get(orderId);
    if (held) {
      // the same order asking again: the answer it got the first time
      if (held.productId !== productId || held.quantity !== quantity) {
        throw new GrpcError(
          status.ALREADY_EXISTS,
          `order ${orderId} already has a reservation of ${held.quantity} × product ${held.productId}`,
        );
      }
      return this.answer(orderId, held);
    }
    const product = this.requireProduct(productId);
    if (product.stock < quantity) {
      // ABORTED (HTTP 409): the order conflicts with the stock as it is now; another order may
      // have just taken the last units. Nothing was taken.
      throw new GrpcError(
        status.ABORTED,
        `not enough stock of product ${productId} (${product.name}): ${product.stock} left, ${quantity} asked`,
        'OUT_OF_STOCK',
      );
    }
    const left = product.stock - quantity;
    this.store.update(productId, { stock: left });
    const reservation: Held = { productId, quantity, state: 'HELD' };
    reservation.lease = setTimeout(() => this.expire(orderId), this.leaseMs).unref();
    this.reservations.set(orderId, reservation);
    this.publish('stock.reserved', product, left, orderId, quantity);
    if (product.stock > LOW_STOCK && left <= LOW_STOCK) this.publish('stock.low', product, left, orderId, 0);
    return this.answer(orderId, reservation);
  }

  commit(orderId: string): Reservation {
    const held = this.requireReservation(orderId);
    if (held.state === 'RELEASED') {
      throw new GrpcError(
        status.FAILED_PRECONDITION,
        `the reservation for order ${orderId} was released (its lease of ${this.leaseMs} ms ran out, or the order failed)`,
      );
    }
    if (held.state === 'HELD') {
      clearTimeout(held.lease);
      held.state = 'COMMITTED';
      const product = this.store.get(held.productId);
      if (product) this.publish('stock.committed', product, product.stock, orderId, held.quantity);
    }
    return this.answer(orderId, held);
  }

  /** Gives the units back, held or sold. An order with no reservation has nothing to give back. */
  release(orderId: string, type: 'stock.released' | 'stock.expired' = 'stock.released'): Reservation {
    const held = this.reservations.get(orderId);
    if (!held) return { orderId, productId: '', quantity: 0, state: 'RELEASED', stockLeft: 0 };
    if (held.state !== 'RELEASED') {
      clearTimeout(held.lease);
      held.state = 'RELEASED';
      const product = this.store.get(held.productId); // deleted since? then there is nothing to give back to
      if (product) {
        const stock = Math.min(product.stock + held.quantity, Number.MAX_SAFE_INTEGER);
        this.store.update(held.productId, { stock });
        this.publish(type, product, stock, orderId, held.quantity);
      }
    }
    return this.answer(orderId, held);
  }

  /** A new product, or a stock set by hand (a restock): "stock.changed". */
  changed(product: Product): void {
    this.publish('stock.changed', product, product.stock, '', 0);
  }

  /**
   * Forgets every lease (the service stops, or a reset replaces this stock): a lease that ran out
   * later would give units back to a store nobody reads any more, and keep it in memory until then.
   */
  dropLeases(): void {
    for (const held of this.reservations.values()) clearTimeout(held.lease);
  }

  private expire(orderId: string): void {
    if (this.reservations.get(orderId)?.state === 'HELD') this.release(orderId, 'stock.expired');
  }

  private requireProduct(id: string): Product {
    const product = this.store.get(id);
    if (!product) throw notFound(`product ${id} not found`);
    return product;
  }

  private requireReservation(orderId: string): Held {
    const held = this.reservations.get(orderId);
    if (!held) throw notFound(`no stock is reserved for order ${orderId}`);
    return held;
  }

  private answer(orderId: string, held: Held): Reservation {
    return {
      orderId,
      productId: held.productId,
      quantity: held.quantity,
      state: held.state,
      stockLeft: this.store.get(held.productId)?.stock ?? 0,
    };
  }

  private publish(type: string, product: Product, stock: number, orderId: string, quantity: number): void {
    this.events.publish({ type, productId: product.id, productName: product.name, stock, orderId, quantity });
  }
}
