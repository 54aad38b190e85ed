// exercise cache (lesson 13): with CACHE_TTL_MS, a second GET of a product is answered by the
// gateway (x-cache: HIT) without any gRPC call; the trace shows it. Only the gateway and
// product-service are started: the check is ready in about half the time.
import { missing } from './kit';
import { checkAgainstSandbox, PRODUCTS_ONLY, said } from './sandbox';

void checkAgainstSandbox('cache', { env: { CACHE_TTL_MS: '60000' }, only: PRODUCTS_ONLY }, ({ call }) => [
  {
    behaviour: 'the first GET /api/products/2 is a MISS, answered by product-service',
    async check() {
      const answer = await call('GET', '/api/products/2', undefined, { 'x-request-id': 'exercise-cache-1' });
      if (answer.status !== 200 || answer.headers.get('x-cache') !== 'MISS')
        missing({
          sent: 'GET /api/products/2',
          got: `${said(answer)} (x-cache: ${answer.headers.get('x-cache')})`,
          expected: '200, x-cache: MISS',
        });
    },
  },
  {
    behaviour: 'the second is a HIT, the same answer, with no gRPC call in its trace',
    async check() {
      const first = await call('GET', '/api/products/2');
      const answer = await call('GET', '/api/products/2', undefined, { 'x-request-id': 'exercise-cache-2' });
      const trace = await call('GET', '/traces/exercise-cache-2');
      const calls = (trace.body?.spans ?? []).filter((span: { kind: string }) => span.kind === 'client').length;
      if (answer.headers.get('x-cache') !== 'HIT' || answer.text !== first.text || calls > 0) {
        missing({
          sent: 'GET /api/products/2 twice',
          got: `x-cache: ${answer.headers.get('x-cache')}, ${calls} gRPC call(s) in its trace`,
          expected: 'x-cache: HIT, the first answer, 0 gRPC calls',
        });
      }
    },
  },
  {
    behaviour: 'a change through the gateway is seen at once: the next GET is a MISS with the new price',
    async check() {
      await call('PATCH', '/api/products/2', { price: 26 });
      const answer = await call('GET', '/api/products/2');
      if (answer.headers.get('x-cache') !== 'MISS' || answer.body?.price !== 26)
        missing({
          sent: 'PATCH /api/products/2 {"price":26}, then GET',
          got: `${said(answer)} (x-cache: ${answer.headers.get('x-cache')})`,
          expected: 'MISS, price 26',
        });
    },
  },
]);
