// exercise deadline (lesson 8): every call the gateway makes has a deadline; past it the client
// gets 504 at once, instead of waiting as long as a slow service likes. Only the gateway and
// product-service are started: the check is ready in about half the time.
import { missing } from './kit';
import { checkAgainstSandbox, PRODUCTS_ONLY, said } from './sandbox';

const DEADLINE_MS = 400;
const DELAY_MS = 3000;

const SETUP = { env: { GATEWAY_DEADLINE_MS: String(DEADLINE_MS) }, only: PRODUCTS_ONLY };

void checkAgainstSandbox('deadline', SETUP, ({ call }) => [
  {
    behaviour: `a product-service slower than the gateway's deadline (${DEADLINE_MS} ms) is a 504, after about the deadline`,
    async check() {
      const answer = await call('GET', '/api/products/1', undefined, { 'x-fault-delay': `product=${DELAY_MS}` });
      if (answer.status !== 504 || answer.ms > DELAY_MS / 2) {
        missing({
          sent: `GET /api/products/1 with x-fault-delay: product=${DELAY_MS}`,
          got: `${said(answer)} after ${Math.round(answer.ms)} ms`,
          expected: `504 {"error":{"code":"DEADLINE_EXCEEDED",…}} after about ${DEADLINE_MS} ms`,
        });
      }
    },
  },
  {
    behaviour: 'a service that answers in time is answered as usual',
    async check() {
      const answer = await call('GET', '/api/products/1');
      if (answer.status !== 200)
        missing({ sent: 'GET /api/products/1', got: said(answer), expected: '200 with the Laptop' });
    },
  },
]);
