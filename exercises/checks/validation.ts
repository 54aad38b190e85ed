// exercise validation (lesson 7): the gateway checks a body before it encodes it as protobuf,
// which would silently turn a quantity of 1.7 into 1 and "abc" into 0. A bad quantity is a 400
// naming the field, and no gRPC call is made.
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

const BAD: Array<[unknown, string]> = [
  [1.7, 'not a whole number'],
  [0, 'less than 1'],
  [1001, 'more than 1000'],
  ['2', 'a string'],
];

void checkAgainstSandbox('validation', {}, ({ call }) => [
  ...BAD.map(([quantity, why], i) => ({
    behaviour: `a quantity of ${JSON.stringify(quantity)} (${why}) is refused at the gateway: 400 naming "quantity", and no gRPC call`,
    async check() {
      const id = `exercise-validation-${i}`;
      const answer = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity },
        { 'x-request-id': id },
      );
      const trace = (await call('GET', `/traces/${id}`)).body;
      const calls = (trace?.spans ?? []).filter((span: { kind: string }) => span.kind === 'client').length;
      if (answer.status !== 400 || answer.body?.error?.field !== 'quantity' || calls > 0) {
        missing({
          sent: `POST /api/orders {"userId":"1","productId":"1","quantity":${JSON.stringify(quantity)}}`,
          got: `${said(answer)}, ${calls} gRPC call(s)`,
          expected:
            '400 {"error":{"code":"INVALID_ARGUMENT","message":"quantity must be a whole number from 1 to 1000","field":"quantity"}}, 0 gRPC calls',
        });
      }
    },
  })),
  {
    behaviour: "the diagram's order still passes: quantity 2, totalPrice 2000",
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
