// exercise not-found (lessons 3 and 7): user-service answers a user it does not have with the gRPC
// code NOT_FOUND and a message naming it; the gateway turns that into a 404.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

void checkAgainstSandbox('not-found', {}, ({ call }) => [
  {
    behaviour: 'GET /api/users/42 is a 404 whose message names the user: "user 42 not found"',
    async check() {
      const answer = await call('GET', '/api/users/42');
      if (
        answer.status !== 404 ||
        answer.body?.error?.code !== 'NOT_FOUND' ||
        answer.body?.error?.message !== 'user 42 not found'
      ) {
        missing({
          sent: 'GET /api/users/42',
          got: said(answer),
          expected: '404 {"error":{"code":"NOT_FOUND","message":"user 42 not found"}}',
        });
      }
    },
  },
  {
    behaviour: "an order for a user nobody has is a 404 too (order-service passes user-service's answer on)",
    async check() {
      const answer = await call('POST', '/api/orders', { userId: '42', productId: '1', quantity: 1 });
      if (answer.status !== 404 || answer.body?.error?.message !== 'user 42 not found')
        missing({
          sent: 'POST /api/orders {"userId":"42","productId":"1","quantity":1}',
          got: said(answer),
          expected: '404 "user 42 not found"',
        });
    },
  },
  {
    behaviour: 'John is still found',
    async check() {
      const answer = await call('GET', '/api/users/1');
      if (answer.status !== 200 || answer.body?.name !== 'John')
        missing({ sent: 'GET /api/users/1', got: said(answer), expected: '200 with John' });
    },
  },
]);
