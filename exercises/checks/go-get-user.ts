// exercise go-get-user (lesson 19): the Go user-service answers GetUser as the TypeScript one does,
// so the gateway and order-service cannot tell them apart.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

void checkAgainstSandbox('go-get-user', { env: { USER_SERVICE_IMPL: 'go' } }, ({ call }) => [
  {
    behaviour: 'GET /api/users/1 is John, from the Go user-service',
    async check() {
      const answer = await call('GET', '/api/users/1');
      if (answer.status !== 200 || answer.body?.name !== 'John' || answer.body?.email !== 'john@example.com') {
        missing({
          sent: 'GET /api/users/1',
          got: said(answer),
          expected: '200 {"id":"1","name":"John","email":"john@example.com"}',
        });
      }
    },
  },
  {
    behaviour: 'a user nobody has is NOT_FOUND, "user 42 not found": a 404',
    async check() {
      const answer = await call('GET', '/api/users/42');
      if (answer.status !== 404 || answer.body?.error?.message !== 'user 42 not found')
        missing({ sent: 'GET /api/users/42', got: said(answer), expected: '404 "user 42 not found"' });
    },
  },
  {
    behaviour: "the diagram's order, whose step 3a is GetUser, is 2000",
    async check() {
      const answer = await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 });
      if (answer.status !== 201 || answer.body?.totalPrice !== 2000)
        missing({
          sent: 'POST /api/orders {"userId":"1","productId":"1","quantity":2}',
          got: said(answer),
          expected: '201 with totalPrice 2000',
        });
    },
  },
]);
