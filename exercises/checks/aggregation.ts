// exercise aggregation (lesson 14): GET /api/users/:id/orders asks user-service and order-service
// at once, and answers the user with their orders, all or nothing.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

void checkAgainstSandbox('aggregation', {}, ({ call }) => [
  {
    behaviour: 'GET /api/users/1/orders answers John and his orders in one answer',
    async check() {
      await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 });
      const answer = await call('GET', '/api/users/1/orders');
      if (
        answer.status !== 200 ||
        answer.body?.user?.name !== 'John' ||
        !Array.isArray(answer.body?.orders) ||
        answer.body.orders.length === 0
      ) {
        missing({
          sent: 'GET /api/users/1/orders (John has an order)',
          got: said(answer),
          expected: '200 {"user":{"id":"1","name":"John",…},"orders":[…],"nextPageToken":""}',
        });
      }
    },
  },
  {
    behaviour: 'both services are asked at the same time: two 400 ms delays take about 400 ms, not 800',
    async check() {
      // one delayed call, for comparison on this machine as busy as it is now
      const one = await call('GET', '/api/users/1', undefined, { 'x-fault-delay': 'user=400' });
      const answer = await call('GET', '/api/users/1/orders', undefined, { 'x-fault-delay': 'user=400,order=400' });
      if (answer.status !== 200 || answer.ms > one.ms * 1.5) {
        missing({
          sent: 'GET /api/users/1/orders with x-fault-delay: user=400,order=400',
          got: `${said(answer)} after ${Math.round(answer.ms)} ms`,
          expected: `200 after about one delay (${Math.round(one.ms)} ms here), not two`,
        });
      }
    },
  },
  {
    behaviour: 'a user nobody has is a 404, not an empty list of orders',
    async check() {
      const answer = await call('GET', '/api/users/0/orders');
      if (answer.status !== 404)
        missing({
          sent: 'GET /api/users/0/orders',
          got: said(answer),
          expected: '404 {"error":{"code":"NOT_FOUND","message":"user 0 not found"}}',
        });
    },
  },
]);
