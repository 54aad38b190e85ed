// Lesson 16: the saga's steps, the diagram's step 6 grown into three. Each is a small local
// transaction in one place, with the step that undoes it (its compensation); ./run.ts runs them.
//
//   6a  reserve the stock   product-service holds the units   undone by 6d, release the stock
//   6b  take the payment    the mock card (./payments.ts)     undone by refunding the payment
//   6c  commit the stock    the held units are sold           the end: the order stands
import type * as grpc from '@grpc/grpc-js';
import type { PlugIn } from '@sandbox/protos';
import type { Order, OrderStatus } from '../store';
import type { Payments } from './payments';
import type { StockCalls } from './stock';

type Call = grpc.ServerUnaryCall<unknown, unknown>;

export interface Compensation {
  name: string; // "release the stock": a compensation that fails says which in the log
  run(): unknown;
}

export interface SagaStep {
  name: string;
  run(): Promise<unknown>;
  status: OrderStatus; // the order's status once the step is done
  compensation?: Compensation;
  // the compensation is owed as soon as the step is tried: a call that timed out may have done its work
  compensateEvenIfFailed?: boolean;
}

export interface StepParts {
  stock: StockCalls;
  payments: Payments;
  plugIns: PlugIn[];
}

/** The saga's steps for a PENDING order, in the order they run. `key`: the order's name at product-service. */
export function sagaSteps(order: Order, key: string, call: Call, { stock, payments, plugIns }: StepParts): SagaStep[] {
  return [
    {
      name: 'reserve the stock',
      run: () => stock.reserve(key, order.productId, order.quantity, call),
      status: 'PRODUCT_RESERVED',
      // if the reservation times out, we cannot know whether product-service made it; releasing
      // is idempotent, so release anyway
      compensation: { name: 'release the stock', run: () => stock.release(key, call) },
      compensateEvenIfFailed: true,
    },
    {
      name: 'take the payment',
      // a step of order-service's own, run inside the plug-ins' steps: the lab traces it as 6b, and
      // x-fault-fail: payment=… breaks it (lesson 16)
      run: () => runStep(plugIns, call, 'payment', 'Charge', '6b', () => payments.charge(order.id, order.totalPrice)),
      status: 'PAID',
      compensation: { name: 'refund the payment', run: () => payments.refund(order.id) },
    },
    {
      name: 'commit the stock',
      run: () => stock.commit(key, call),
      status: 'CONFIRMED',
    },
  ];
}

/** Runs `work`, a step of the service's own named on the diagram ("6b"), inside the plug-ins' steps. */
export function runStep<T>(
  plugIns: PlugIn[],
  call: grpc.ServerUnaryCall<unknown, unknown>,
  peer: string,
  name: string,
  diagramStep: string,
  work: () => T,
): Promise<T> {
  let run = async (): Promise<T> => work();
  for (const { step } of [...plugIns].reverse()) {
    const inner = run;
    if (step) run = () => step(call, peer, name, diagramStep, inner) as Promise<T>; // the first plug-in outermost
  }
  return run();
}
