// How the saga runs its steps (./steps.ts): one after the other. Each step done pushes what would
// undo it; when a later step fails, those compensations run in reverse, the order ends FAILED with
// the reason, and the caller gets the step's error.
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { GrpcError, type Logger } from '@sandbox/protos';
import type { Order, OrderStore } from '../store';
import type { Compensation, SagaStep } from './steps';

type Call = grpc.ServerUnaryCall<unknown, unknown>;

/** Runs `steps` for the PENDING order `pending`; resolves to it CONFIRMED, or undoes what was done and throws. */
export async function runSaga(
  store: OrderStore,
  pending: Order,
  steps: SagaStep[],
  call: Call,
  log?: Logger,
): Promise<Order> {
  const owed: Compensation[] = [];
  let order = pending;
  try {
    for (const [index, step] of steps.entries()) {
      if (step.compensation && step.compensateEvenIfFailed) owed.push(step.compensation);
      await step.run();
      if (step.compensation && !step.compensateEvenIfFailed) owed.push(step.compensation);
      // once the last step is done the order stands; before, a caller that gave up ends the saga
      if (index < steps.length - 1) stillWanted(call);
      order = store.setStatus(pending.id, step.status);
    }
    return order;
  } catch (error) {
    await compensate(owed.reverse(), pending, log);
    store.setStatus(pending.id, 'FAILED', reasonOf(error));
    throw error;
  }
}

/** Between the steps: a caller that gave up (a deadline, a hang-up) ends the saga there. */
function stillWanted(call: Call): void {
  if (call.cancelled) throw new GrpcError(status.CANCELLED, 'the caller gave up before the order was confirmed');
}

async function compensate(compensations: Compensation[], order: Order, log?: Logger): Promise<void> {
  // exercise compensation ▼
  for (const { name, run } of compensations) {
    try {
      await run();
    } catch (error) {
      // the others still run; held stock comes back by itself when its lease runs out (product-service/src/stock/)
      log?.warn(`order ${order.id}: could not ${name} (${error instanceof GrpcError ? error.details : String(error)})`);
    }
  }
  // exercise compensation ▲
}

function reasonOf(error: unknown): string {
  return error instanceof GrpcError ? error.details : 'internal error';
}
