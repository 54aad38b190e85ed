// Response aggregation at the gateway (DIAGRAM: "Response aggregation"): GET /api/users/:id/orders
// asks user-service and order-service at once and answers with both, or fails as a whole.
import { expect } from 'chai';
import { callsTo } from './support/http';
import { useSandbox } from './support/sandbox';

describe('GET /api/users/:id/orders: a user with their orders, in one answer', function () {
  this.timeout(30_000);
  const shared = useSandbox();
  const call = callsTo(() => shared.sandbox.url);
  let user: { id: string; name: string; email: string };
  const orderIds: string[] = [];

  before(async () => {
    user = (await call('POST', '/api/users', { name: 'Agg Regate', email: `agg.${Date.now()}@example.com` })).body;
    for (const quantity of [1, 2, 3])
      orderIds.push((await call('POST', '/api/orders', { userId: user.id, productId: '2', quantity })).body.id);
  });

  it('answers the user and every one of their orders, oldest first', async () => {
    const reply = await call('GET', `/api/users/${user.id}/orders`);
    expect(reply.status).to.equal(200);
    expect(reply.body.user).to.deep.equal(user);
    expect(reply.body.orders.map((o: { id: string }) => o.id)).to.deep.equal(orderIds);
    expect(reply.body.orders.map((o: { totalPrice: number }) => o.totalPrice)).to.deep.equal([25, 50, 75]);
    expect(reply.body.nextPageToken).to.equal('');
  });

  it("asks both services at once: the trace shows the gateway's two calls side by side", async () => {
    const delay = { 'x-fault-delay': 'user=150,order=150', 'x-request-id': 'aggregated-user-orders' };
    const reply = await call('GET', `/api/users/${user.id}/orders`, undefined, delay);
    expect(reply.status).to.equal(200);
    const trace = (await call('GET', '/traces/aggregated-user-orders')).body;
    const calls = trace.spans.filter(
      (s: { kind: string; service: string }) => s.kind === 'client' && s.service === 'api-gateway',
    );
    expect(calls.map((s: { name: string }) => s.name).sort()).to.deep.equal(['GetUser', 'ListOrders']);
    // each waited 150 ms: the second started before the first had ended
    const [a, b] = calls as Array<{ offsetMs: number; durationMs: number }>;
    expect(Math.max(a.offsetMs, b.offsetMs)).to.be.lessThan(
      Math.min(a.offsetMs + a.durationMs, b.offsetMs + b.durationMs),
    );
  });

  it('pages the orders like GET /api/orders?userId=…', async () => {
    const first = await call('GET', `/api/users/${user.id}/orders?pageSize=2`);
    expect(first.body.orders).to.have.length(2);
    const second = await call(
      'GET',
      `/api/users/${user.id}/orders?pageSize=2&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
    );
    expect(second.body.user).to.deep.equal(user);
    expect(second.body.orders.map((o: { id: string }) => o.id)).to.deep.equal([orderIds[2]]);
    expect((await call('GET', `/api/users/${user.id}/orders?page=2`)).body.error.message).to.match(
      /^unknown query parameter "page"/,
    );
  });

  it('fails as a whole when either service fails, naming it: all or nothing', async () => {
    const orderDown = await call('GET', `/api/users/${user.id}/orders`, undefined, {
      'x-fault-fail': 'order=UNAVAILABLE',
    });
    expect(orderDown.status).to.equal(503);
    expect(orderDown.body).to.deep.equal({
      error: { code: 'UNAVAILABLE', message: 'order-service failed with UNAVAILABLE because x-fault-fail asked it to' },
    });
    const userDown = await call('GET', `/api/users/${user.id}/orders`, undefined, {
      'x-fault-fail': 'user=UNAVAILABLE',
    });
    expect([userDown.status, userDown.body.error.message]).to.deep.equal([
      503,
      'user-service failed with UNAVAILABLE because x-fault-fail asked it to',
    ]);
    // a user nobody has is a 404, even though order-service would answer an empty list
    expect((await call('GET', '/api/users/0/orders')).body.error).to.deep.equal({
      code: 'NOT_FOUND',
      message: 'user 0 not found',
    });
    expect((await call('POST', `/api/users/${user.id}/orders`, {})).status).to.equal(405);
  });

  describe('GET /api/orders/:id?expand=user,product: an order with its parts', () => {
    it('embeds the user and the product, fetched at once after the order', async () => {
      const reply = await call('GET', `/api/orders/${orderIds[1]}?expand=user,product`, undefined, {
        'x-request-id': 'aggregated-order-parts',
      });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.deep.include({ id: orderIds[1], userId: user.id, quantity: 2, totalPrice: 50, user });
      expect(reply.body.product).to.include({
        id: '2',
        name: 'Mouse',
        description: 'Wireless, two buttons',
        price: 25,
      }); // and its stock now
      const trace = (await call('GET', '/traces/aggregated-order-parts')).body;
      const calls = trace.spans
        .filter((s: { kind: string; service: string }) => s.kind === 'client' && s.service === 'api-gateway')
        .map((s: { name: string }) => s.name);
      expect(calls).to.deep.equal(['GetOrder', 'GetUser', 'GetProduct']);
      const only = await call('GET', `/api/orders/${orderIds[1]}?expand=product`);
      expect(only.body.product.name).to.equal('Mouse');
      expect(only.body).to.not.have.property('user');
      // without expand, the order as before
      expect(Object.keys((await call('GET', `/api/orders/${orderIds[1]}`)).body)).to.not.include('user');
    });

    it('refuses an expand it does not know, and fails as a whole when a part cannot be fetched', async () => {
      const unknown = await call('GET', `/api/orders/${orderIds[0]}?expand=payment`);
      expect([unknown.status, unknown.body.error]).to.deep.equal([
        400,
        { code: 'INVALID_ARGUMENT', message: 'expand must be "user", "product" or "user,product"', field: 'expand' },
      ]);
      const down = await call('GET', `/api/orders/${orderIds[0]}?expand=user,product`, undefined, {
        'x-fault-fail': 'product=UNAVAILABLE',
      });
      expect([down.status, down.body.error.message]).to.deep.equal([
        503,
        'product-service failed with UNAVAILABLE because x-fault-fail asked it to',
      ]);
    });
  });
});
