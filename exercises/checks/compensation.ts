// exercise compensation (lesson 16): when a step of the saga fails, the steps done before it are
// undone, in reverse. A payment that fails must give the reserved stock back at once (6d), not
// leave it held until its lease runs out.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

void checkAgainstSandbox('compensation', { env: { ORDER_SAGA: 'on', RESERVATION_TTL_MS: '60000' } }, ({ call }) => [
  {
    behaviour: 'an order whose payment fails answers 503 and ends FAILED',
    async check() {
      const answer = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId: '2', quantity: 3 },
        { 'x-fault-fail': 'payment=UNAVAILABLE' },
      );
      if (answer.status !== 503)
        missing({
          sent: 'POST /api/orders {…"quantity":3} with x-fault-fail: payment=UNAVAILABLE',
          got: said(answer),
          expected: '503 (the payment failed)',
        });
    },
  },
  {
    behaviour: 'the stock it reserved is back at once (the compensation), not held until the lease ends',
    async check() {
      const before = (await call('GET', '/api/products/3')).body?.stock;
      const order = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId: '3', quantity: 4 },
        { 'x-fault-fail': 'payment=UNAVAILABLE', 'x-request-id': 'exercise-compensation' },
      );
      const after = (await call('GET', '/api/products/3')).body?.stock;
      if (after !== before)
        missing({
          sent: `POST /api/orders {…"productId":"3","quantity":4} with the payment failing (stock was ${before})`,
          got: `${order.status}, then stock ${after}`,
          expected: `stock ${before} again: the reservation released`,
        });
    },
  },
  {
    behaviour: 'the trace shows the compensation: 6d ReleaseStock, after the failed payment',
    async check() {
      const trace = (await call('GET', '/traces/exercise-compensation')).body;
      const steps = (trace?.spans ?? [])
        .filter((span: { kind: string }) => span.kind === 'client')
        .map((span: { step?: string; name: string }) => `${span.step ?? ''} ${span.name}`.trim());
      if (!steps.includes('6d ReleaseStock'))
        missing({
          sent: 'GET /traces/exercise-compensation',
          got: steps.join(', ') || 'no trace',
          expected: 'the calls include 6d ReleaseStock',
        });
    },
  },
]);
