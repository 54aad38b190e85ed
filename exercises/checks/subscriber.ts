// exercise subscriber (lessons 17 and 18): product-service follows order-service's events (a gRPC
// server stream) and, when an order is cancelled, gives its stock back: choreography.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

void checkAgainstSandbox('subscriber', { env: { ORDER_SAGA: 'on' } }, ({ call }) => [
  {
    behaviour: "a cancelled order's units are back in stock, once product-service hears order.cancelled",
    async check() {
      const before = (await call('GET', '/api/products/2')).body?.stock;
      const order = await call('POST', '/api/orders', { userId: '1', productId: '2', quantity: 5 });
      if (order.status !== 201)
        missing({
          sent: 'POST /api/orders {"userId":"1","productId":"2","quantity":5}',
          got: said(order),
          expected: '201, CONFIRMED',
        });
      const cancelled = await call('POST', `/api/orders/${order.body.id}/cancel`);
      let stock: number | undefined;
      for (const started = Date.now(); Date.now() - started < 5000; await sleep(100)) {
        stock = (await call('GET', '/api/products/2')).body?.stock;
        if (stock === before) return;
      }
      missing({
        sent: `an order of 5 Mice (stock was ${before}), then POST /api/orders/${order.body.id}/cancel (${cancelled.status})`,
        got: `stock ${stock} five seconds later`,
        expected: `stock ${before}: the 5 units given back`,
      });
    },
  },
  {
    behaviour: 'other events (an order made, confirmed) change nothing',
    async check() {
      const before = (await call('GET', '/api/products/4')).body?.stock;
      await call('POST', '/api/orders', { userId: '1', productId: '4', quantity: 1 });
      await sleep(300);
      const after = (await call('GET', '/api/products/4')).body?.stock;
      if (after !== before - 1)
        missing({
          sent: `an order of 1 product 4 (stock ${before})`,
          got: `stock ${after}`,
          expected: `stock ${before - 1}: sold, and nothing given back`,
        });
    },
  },
]);
