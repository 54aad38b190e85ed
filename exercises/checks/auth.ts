// exercise auth (lesson 11): with AUTH=required, a request without a token is refused with 401
// and a WWW-Authenticate header that says how to authenticate; with a token, the route's rule
// decides (403 for what the user may not do).
import { missing } from './kit';
import { checkAgainstSandbox, said } from './sandbox';

void checkAgainstSandbox('auth', { env: { AUTH: 'required' } }, ({ call }) => {
  const login = async (email: string, password: string) => {
    const answer = await call('POST', '/api/auth/login', { email, password });
    if (answer.status !== 200)
      missing({
        sent: `POST /api/auth/login as ${email}`,
        got: said(answer),
        expected: '200 with a token (logging in needs no token)',
      });
    return { authorization: `Bearer ${answer.body.token}` };
  };
  return [
    {
      behaviour: 'GET /api/products/1 without a token is a 401 that says how to authenticate',
      async check() {
        const answer = await call('GET', '/api/products/1');
        const challenge = answer.headers.get('www-authenticate');
        if (answer.status !== 401 || challenge !== 'Bearer realm="api-gateway"') {
          missing({
            sent: 'GET /api/products/1 (no token, AUTH=required)',
            got: `${said(answer)} (WWW-Authenticate: ${challenge})`,
            expected: '401 UNAUTHENTICATED, WWW-Authenticate: Bearer realm="api-gateway"',
          });
        }
      },
    },
    {
      behaviour: "the diagram's order without a token is refused at the gateway, before any gRPC call",
      async check() {
        const answer = await call(
          'POST',
          '/api/orders',
          { userId: '1', productId: '1', quantity: 2 },
          { 'x-request-id': 'exercise-auth-anonymous' },
        );
        const trace = (
          await call('GET', '/traces/exercise-auth-anonymous', undefined, await login('ada@example.com', 'ada-secret'))
        ).body;
        const calls = (trace?.spans ?? []).filter(
          (span: { kind: string; name: string }) => span.kind === 'client' && span.name !== 'CheckSession',
        ).length;
        if (answer.status !== 401 || calls > 0)
          missing({
            sent: 'POST /api/orders (no token)',
            got: `${said(answer)}, ${calls} gRPC call(s)`,
            expected: '401, no gRPC call',
          });
      },
    },
    {
      behaviour: "with John's token, his own order is made (2000), and one for Jane is a 403",
      async check() {
        const john = await login('john@example.com', 'john-secret');
        const own = await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 }, john);
        const forJane = await call('POST', '/api/orders', { userId: '2', productId: '1', quantity: 1 }, john);
        if (own.status !== 201 || own.body?.totalPrice !== 2000 || forJane.status !== 403) {
          missing({
            sent: "John's token: an order for himself, then one for Jane",
            got: `${said(own)} | ${said(forJane)}`,
            expected: '201 (totalPrice 2000) | 403 PERMISSION_DENIED "you are user 1 and cannot order for user 2"',
          });
        }
      },
    },
    {
      behaviour: "with John's token, Jane's user is not his to read: 403",
      async check() {
        const answer = await call('GET', '/api/users/2', undefined, await login('john@example.com', 'john-secret'));
        if (answer.status !== 403)
          missing({
            sent: "GET /api/users/2 with John's token",
            got: said(answer),
            expected: '403 "you can read only your own user (1), not user 2"',
          });
      },
    },
  ];
});
