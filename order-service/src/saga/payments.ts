// A mock payment provider, in memory (lesson 16): the saga's one step that is not a gRPC call. It
// approves any payment up to PAYMENT_LIMIT and declines the rest, so a lesson can make a payment
// fail without any switch: 11 Laptops (11000.00) are declined. x-fault-fail: payment=… and
// x-fault-delay: payment=… reach it too (the lab: the payment step runs inside the plug-ins' steps,
// ./steps.ts).
import { status } from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';

export const PAYMENT_LIMIT = 10_000;

interface Charge {
  amount: number;
  refunded: boolean;
}

export class Payments {
  private readonly charges = new Map<string, Charge>(); // by order id: one payment per order

  charge(orderId: string, amount: number): void {
    if (this.charges.has(orderId)) return; // charged already: a retry pays once
    if (amount > PAYMENT_LIMIT) {
      throw new GrpcError(
        status.FAILED_PRECONDITION,
        `the payment of ${amount.toFixed(2)} was declined: the mock card's limit is ${PAYMENT_LIMIT.toFixed(2)}`,
        'PAYMENT_DECLINED',
      );
    }
    this.charges.set(orderId, { amount, refunded: false });
  }

  /** Gives the money back; an order never charged, or refunded already, has nothing to give back. */
  refund(orderId: string): void {
    const charge = this.charges.get(orderId);
    if (charge) charge.refunded = true;
  }

  /** For tests and lessons: what an order was charged, and whether it was refunded. */
  chargeOf(orderId: string): Charge | undefined {
    const charge = this.charges.get(orderId);
    return charge && { ...charge };
  }
}
