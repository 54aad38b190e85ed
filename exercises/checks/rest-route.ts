// exercise rest-route (lesson 2): GET /api/products/:id at the gateway is GetProduct over gRPC.
// Only the gateway and product-service are started: the check is ready in about half the time.
import { missing } from './kit';
import { checkAgainstSandbox, PRODUCTS_ONLY, said } from './sandbox';

void checkAgainstSandbox('rest-route', { only: PRODUCTS_ONLY }, ({ call }) => [
  {
    behaviour: 'GET /api/products/1 answers 200 with the Laptop, as product-service holds it',
    async check() {
      const answer = await call('GET', '/api/products/1');
      if (answer.status !== 200 || answer.body?.name !== 'Laptop' || answer.body?.price !== 1000) {
        missing({
          sent: 'GET /api/products/1',
          got: said(answer),
          expected: '200 {"id":"1","name":"Laptop",…,"price":1000,…}',
        });
      }
    },
  },
  {
    behaviour: 'the id in the path is the one asked for: GET /api/products/2 is the Mouse',
    async check() {
      const answer = await call('GET', '/api/products/2');
      if (answer.body?.name !== 'Mouse')
        missing({ sent: 'GET /api/products/2', got: said(answer), expected: '200 with the Mouse' });
    },
  },
  {
    behaviour: "a product nobody has is product-service's NOT_FOUND, as a 404",
    async check() {
      const answer = await call('GET', '/api/products/0');
      if (answer.status !== 404 || answer.body?.error?.message !== 'product 0 not found') {
        missing({
          sent: 'GET /api/products/0',
          got: said(answer),
          expected: '404 {"error":{"code":"NOT_FOUND","message":"product 0 not found"}}',
        });
      }
    },
  },
]);
