// The saga (tutorial lesson 16) and cancelling (lesson 17): order-service's chapter beside the
// diagram's step 6, plugged in by ../index.ts. It takes over CreateOrder: with ORDER_SAGA off the
// order goes to the diagram's createOrder as it is; on, it runs the diagram's steps 2 to 6 with the
// order stored PENDING, then the saga's steps (./steps.ts), and step 7 answers. It adds CancelOrder.
import type * as grpc from '@grpc/grpc-js';
import type { Logger, PlugIn } from '@sandbox/protos';
import { unary } from '@sandbox/protos/src/server';
import type { CancelOrderRequest__Output } from '@sandbox/protos/generated/order/CancelOrderRequest';
import type { CreateOrderRequest__Output } from '@sandbox/protos/generated/order/CreateOrderRequest';
import { createHandlers, type Orders } from '../handlers';
import type { Lookups } from '../lookups';
import type { Chapter } from '../server';
import type { Order, OrderStore } from '../store';
import { cancelOrder } from './cancel';
import { Payments } from './payments';
import { runSaga } from './run';
import { sagaSteps } from './steps';
import type { StockCalls } from './stock';
import type { SagaSwitch } from './switch';

type Call = grpc.ServerUnaryCall<unknown, unknown>;

export interface SagaOptions {
  saga: SagaSwitch; // ORDER_SAGA, switched while the sandbox runs (../index.ts)
  payments?: Payments;
  plugIns?: PlugIn[]; // the payment step runs inside theirs (./steps.ts)
  log?: Logger; // a compensation that fails is logged
  now?: () => Date;
}

/** The chapter: CreateOrder, the diagram's or the saga's, chosen at each order; and CancelOrder. */
export function orderSaga(store: OrderStore, lookups: Lookups, stock: StockCalls, options: SagaOptions): Chapter {
  const saga = createSagaHandlers(store, lookups, stock, options);
  return {
    rpcs: (diagram, context) => ({
      // the switch is read at each order: the launcher may flip it while the sandbox runs
      CreateOrder: unary(
        (request: CreateOrderRequest__Output, call: Call) =>
          options.saga.on ? saga.createOrder(request, call) : diagram.createOrder(request, call),
        context,
      ),
      CancelOrder: unary(saga.cancelOrder, context),
    }),
  };
}

/** The saga's RPCs as plain functions, whatever the switch says (the tests call them directly). */
export function createSagaHandlers(
  store: OrderStore,
  lookups: Lookups,
  stock: StockCalls,
  options: Omit<SagaOptions, 'saga'>,
) {
  const { payments = new Payments(), plugIns = [], log } = options;
  // the store as the diagram's createOrder sees it, except that a new order is stored PENDING:
  // it is confirmed by the saga's last step, or ends FAILED
  const pendingFirst: Orders = {
    create: (order) => store.create({ ...order, status: 'PENDING' }),
    get: (id) => store.get(id),
    list: (userId) => store.list(userId),
  };
  const diagram = createHandlers(pendingFirst, lookups, options);

  return {
    async createOrder(request: CreateOrderRequest__Output, call: Call): Promise<Order> {
      const pending = await diagram.createOrder(request, call); // DIAGRAM steps 2–6, the order PENDING
      const key = store.keyOf(pending.id); // its name at product-service, unique across restarts
      return runSaga(store, pending, sagaSteps(pending, key, call, { stock, payments, plugIns }), call, log); // 6a–6d, then step 7
    },

    cancelOrder: (request: CancelOrderRequest__Output): Order => cancelOrder(store, payments, request),
  };
}
