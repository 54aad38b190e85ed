// exercise fan-out (lesson 4, DIAGRAM steps 3a/3b): order-service asks user-service and
// product-service at the same time (Promise.all), so an order waits for the slower answer, not
// for the two one after the other. Checked against fake services that hold their answers: both
// calls must be in flight together, and an order whose two lookups are each held 400 ms must take
// about as long as one whose user lookup alone is held, not 400 ms more. (A first order, held by
// neither, opens the connections, so that no order timed pays for that.)
import * as grpc from '@grpc/grpc-js';
import { checkBehaviours, missing, shown, type Behaviour } from './kit';

import * as protos from '../../protos/src';
import * as server from '../../protos/src/server';
import { silentLog } from '../../protos/testing';
import { createLookups } from '../../order-service/src/lookups';
import { createServer } from '../../order-service/src/server';
import { OrderStore } from '../../order-service/src/store';

const HOLD_MS = 400;
const holding = { user: 0, product: 0 }; // how long each fake service holds its answer now
let inFlight = 0;
let together = false; // were both lookups ever in flight at once?

/** A fake service's answer, held: long enough to see whether the other call comes meanwhile. */
async function held<T>(service: keyof typeof holding, answer: T): Promise<T> {
  inFlight += 1;
  if (inFlight === 2) together = true;
  await new Promise((resolve) => setTimeout(resolve, holding[service]));
  inFlight -= 1;
  return answer;
}

void (async () => {
  const log = { name: 'fake', log: silentLog };
  const users = server.createGrpcServer({
    protoFile: 'user.proto',
    serviceName: 'user.UserService',
    handlers: { GetUser: server.unary(() => held('user', { id: '1', name: 'John', email: 'john@example.com' }), log) },
  });
  const products = server.createGrpcServer({
    protoFile: 'product.proto',
    serviceName: 'product.ProductService',
    handlers: {
      GetProduct: server.unary(
        () => held('product', { id: '1', name: 'Laptop', description: '', price: 1000, stock: 10 }),
        log,
      ),
    },
  });
  const userPort = await server.listen(users, '127.0.0.1', 0);
  const productPort = await server.listen(products, '127.0.0.1', 0);
  const lookups = createLookups({
    userServiceAddr: `127.0.0.1:${userPort}`,
    productServiceAddr: `127.0.0.1:${productPort}`,
    lookupDeadlineMs: 10_000,
  });
  const orders = createServer(new OrderStore(), lookups, { log: silentLog });
  const orderPort = await server.listen(orders, '127.0.0.1', 0);
  const client = new (protos.loadContract().order.OrderService)(
    `127.0.0.1:${orderPort}`,
    grpc.credentials.createInsecure(),
  );
  const createOrder = () =>
    protos.unaryCall<{ totalPrice: number }>((done) =>
      client.createOrder({ userId: '1', productId: '1', quantity: 2 }, { deadline: Date.now() + 10_000 }, done),
    );

  let answer: { totalPrice: number } | undefined;
  let failure = '';
  /** An order with the lookups held as given; how long it took, in milliseconds. */
  const timedOrder = async (user: number, product: number) => {
    Object.assign(holding, { user, product });
    const started = performance.now();
    try {
      answer = await createOrder();
    } catch (error) {
      failure = `${grpc.status[(error as grpc.ServiceError).code]}: ${(error as grpc.ServiceError).details}`;
    }
    return performance.now() - started;
  };
  await timedOrder(0, 0); // opens the connections
  together = false;
  const oneHeld = await timedOrder(HOLD_MS, 0);
  together = false; // only the order with both held says whether they overlap
  const bothHeld = await timedOrder(HOLD_MS, HOLD_MS);

  const behaviours: Behaviour[] = [
    {
      behaviour: "the diagram's order is made: John, the Laptop, 2 × 1000 = 2000",
      async check() {
        if (answer?.totalPrice !== 2000)
          missing({
            sent: 'CreateOrder { userId: "1", productId: "1", quantity: 2 }',
            got: failure || shown(answer),
            expected: 'an order with totalPrice 2000',
          });
      },
    },
    {
      behaviour: 'GetUser and GetProduct are in flight at the same time (DIAGRAM steps 3a/3b)',
      async check() {
        if (!together)
          missing({
            sent: 'CreateOrder, with each lookup held 400 ms',
            got: 'the second call began only after the first had its answer',
            expected: 'both calls made before either answer is awaited',
          });
      },
    },
    {
      behaviour: 'so the order waits for the slower lookup, not for both one after the other',
      async check() {
        if (bothHeld - oneHeld > HOLD_MS / 2)
          missing({
            sent: 'CreateOrder, with each lookup held 400 ms; then with only GetUser held',
            got: `${Math.round(bothHeld)} ms, and ${Math.round(oneHeld)} ms with only GetUser held`,
            expected: `about as long with both held as with one (one hold of ${HOLD_MS} ms), not ${HOLD_MS} ms longer (two holds, one after the other)`,
          });
      },
    },
  ];
  await checkBehaviours('fan-out', behaviours, async () => {
    client.close();
    lookups.close();
    await Promise.all([orders, users, products].map((service) => server.stop(service, 500)));
  });
})();
