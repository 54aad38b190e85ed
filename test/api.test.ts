// The REST API end to end: gateway → real services, each in its own process on free ports (the
// sandbox the end-to-end tests share: each test uses the seeded records and what it creates).
import { expect } from 'chai';
import { everyPage, request } from './support/http';
import { untilWhole, useSandbox } from './support/sandbox';

describe('REST API against the four real processes', () => {
  const shared = useSandbox();
  const api = (method: string, path: string, body?: unknown) => request(shared.sandbox.url, method, path, body);

  describe("the diagram's order (steps 1–9)", () => {
    it('POST /api/orders {userId "1", productId "1", quantity 2} → 201, totalPrice 2000, John, Laptop', async () => {
      const reply = await api('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 });
      expect(reply.status).to.equal(201);
      expect(reply.body).to.include({
        userId: '1',
        productId: '1',
        quantity: 2,
        totalPrice: 2000,
        userName: 'John',
        productName: 'Laptop',
      });
      expect(reply.headers.get('location')).to.equal(`/api/orders/${reply.body.id}`);
      expect(new Date(reply.body.createdAt).getTime()).to.be.closeTo(Date.now(), 60_000);
    });
  });

  describe('users', () => {
    it('create → get → list → put → patch → delete', async () => {
      const created = await api('POST', '/api/users', { name: 'Zoë 李 🚀', email: 'zoe@example.com' });
      expect(created.status).to.equal(201);
      const id = created.body.id;
      expect((await api('GET', `/api/users/${id}`)).body).to.deep.equal({
        id,
        name: 'Zoë 李 🚀',
        email: 'zoe@example.com',
      });
      expect((await everyPage(shared.sandbox.url, '/api/users', 'users')).map((u: { id: string }) => u.id)).to.include(
        id,
      );
      expect((await api('PUT', `/api/users/${id}`, { name: 'Zoe', email: 'zoe@example.org' })).body).to.deep.equal({
        id,
        name: 'Zoe',
        email: 'zoe@example.org',
      });
      expect((await api('PATCH', `/api/users/${id}`, { name: 'Zoé' })).body).to.deep.equal({
        id,
        name: 'Zoé',
        email: 'zoe@example.org',
      });
      const deleted = await api('DELETE', `/api/users/${id}`);
      expect(deleted.status).to.equal(204);
      expect(deleted.body).to.equal(undefined);
      expect((await api('GET', `/api/users/${id}`)).status).to.equal(404);
    });

    it('PUT needs every field; PATCH needs at least one', async () => {
      expect((await api('PUT', '/api/users/1', { name: 'Only a name' })).body.error.message).to.equal(
        'email is required',
      );
      expect((await api('PATCH', '/api/users/1', {})).status).to.equal(400);
    });
  });

  describe('products', () => {
    it('create → get → list → put → patch → delete', async () => {
      const created = await api('POST', '/api/products', { name: 'Lamp', price: 35.5 });
      expect(created.status).to.equal(201);
      const id = created.body.id;
      expect(created.body).to.deep.equal({ id, name: 'Lamp', description: '', price: 35.5, stock: 100 }); // no stock sent: 100
      expect((await api('GET', '/api/products')).body.products).to.have.length.greaterThan(4);
      expect(
        (await api('PUT', `/api/products/${id}`, { name: 'Desk lamp', description: 'LED', price: 40 })).body,
      ).to.deep.equal({ id, name: 'Desk lamp', description: 'LED', price: 40, stock: 100 }); // PUT keeps the stock it does not send
      expect((await api('PATCH', `/api/products/${id}`, { price: 39.99 })).body.price).to.equal(39.99);
      expect((await api('DELETE', `/api/products/${id}`)).status).to.equal(204);
      expect((await api('GET', `/api/products/${id}`)).body).to.deep.equal({
        error: { code: 'NOT_FOUND', message: `product ${id} not found` },
      });
    });
  });

  describe('orders', () => {
    it("lists all orders, or only one user's with ?userId=", async () => {
      const jane = await api('POST', '/api/orders', { userId: '2', productId: '3', quantity: 1 });
      expect(jane.body).to.include({ userName: 'Jane', productName: 'Keyboard', totalPrice: 49.99 });
      const all = (await everyPage(shared.sandbox.url, '/api/orders', 'orders')).map((o: { id: string }) => o.id);
      expect(all).to.include(jane.body.id);
      const janes = await everyPage(shared.sandbox.url, '/api/orders?userId=2', 'orders');
      expect(janes.map((o: { id: string }) => o.id)).to.include(jane.body.id);
      expect(janes.every((o: { userId: string }) => o.userId === '2')).to.equal(true);
      expect((await api('GET', `/api/orders/${jane.body.id}`)).body).to.deep.equal(jane.body);
      expect((await api('GET', '/api/orders?userId=0')).body).to.deep.equal({ orders: [], nextPageToken: '' });
    });

    it('keeps the names from the time of ordering when a product is renamed later', async () => {
      const product = (await api('POST', '/api/products', { name: 'Old name', price: 1 })).body;
      const order = (await api('POST', '/api/orders', { userId: '1', productId: product.id, quantity: 1 })).body;
      await api('PATCH', `/api/products/${product.id}`, { name: 'New name' });
      expect((await api('GET', `/api/orders/${order.id}`)).body.productName).to.equal('Old name');
    });
  });

  describe('errors, one per class', () => {
    const cases: Array<[string, string, string, unknown, number, string, string]> = [
      // ids count from 1: there is never a user, product or order 0
      [
        'an unknown user',
        'POST',
        '/api/orders',
        { userId: '0', productId: '1', quantity: 1 },
        404,
        'NOT_FOUND',
        'user 0 not found',
      ],
      [
        'an unknown product',
        'POST',
        '/api/orders',
        { userId: '1', productId: '0', quantity: 1 },
        404,
        'NOT_FOUND',
        'product 0 not found',
      ],
      ['an unknown order', 'GET', '/api/orders/0', undefined, 404, 'NOT_FOUND', 'order 0 not found'],
      [
        'a fractional quantity',
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity: 1.7 },
        400,
        'INVALID_ARGUMENT',
        'quantity must be a whole number from 1 to 1000',
      ],
      [
        'a quantity as text',
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity: 'abc' },
        400,
        'INVALID_ARGUMENT',
        'quantity must be a whole number from 1 to 1000',
      ],
      [
        'a huge quantity',
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity: 1e12 },
        400,
        'INVALID_ARGUMENT',
        'quantity must be a whole number from 1 to 1000',
      ],
      [
        'an id sent as a number',
        'POST',
        '/api/orders',
        { userId: 1, productId: '1', quantity: 1 },
        400,
        'INVALID_ARGUMENT',
        'userId must be a non-empty id of at most 64 characters, such as "1"',
      ],
      ['a missing field', 'POST', '/api/users', { name: 'Ada' }, 400, 'INVALID_ARGUMENT', 'email is required'],
      [
        'an invalid email',
        'POST',
        '/api/users',
        { name: 'Ada', email: 'ada-at-example' },
        400,
        'INVALID_ARGUMENT',
        'email must be an email address such as "ada@example.com"',
      ],
      [
        'a negative price',
        'POST',
        '/api/products',
        { name: 'X', price: -5 },
        400,
        'INVALID_ARGUMENT',
        'price must be a number from 0 to 1000000 with at most two decimals',
      ],
      [
        'a taken email',
        'POST',
        '/api/users',
        { name: 'J', email: 'john@example.com' },
        409,
        'ALREADY_EXISTS',
        'a user with email john@example.com already exists',
      ],
      [
        'an unknown route',
        'GET',
        '/api/customers',
        undefined,
        404,
        'NOT_FOUND',
        'no route for GET /api/customers; the API is under /api (see docs/reference.md)',
      ],
    ];
    for (const [what, method, path, body, status, code, message] of cases) {
      it(`${what} → ${status} ${code}`, async () => {
        const reply = await api(method, path, body);
        expect(reply.status).to.equal(status);
        expect(reply.body.error).to.include({ code, message });
      });
    }

    it('a non-finite price cannot even be sent as JSON: it arrives as null → 400', async () => {
      const reply = await api('POST', '/api/products', { name: 'X', price: Infinity });
      expect(reply.status).to.equal(400);
      expect(reply.body.error.field).to.equal('price');
    });

    it('a failed request stores nothing: the next order gets the very next id', async () => {
      const first = Number((await api('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 })).body.id);
      expect((await api('POST', '/api/orders', { userId: '0', productId: '1', quantity: 1 })).status).to.equal(404);
      expect((await api('POST', '/api/orders', { userId: '1', productId: '1', quantity: 0 })).status).to.equal(400);
      expect((await api('POST', '/api/orders', { userId: '1', productId: '0', quantity: 1 })).status).to.equal(404);
      expect(Number((await api('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 })).body.id)).to.equal(
        first + 1,
      );
    });

    it('a stopped service → 503 naming it; the rest of the API still answers', async () => {
      const { sandbox } = shared;
      await sandbox.stopProcess('product-service');
      const order = await api('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 });
      expect(order.status).to.equal(503);
      expect(order.body.error).to.deep.equal({ code: 'UNAVAILABLE', message: 'product-service is unavailable' });
      expect((await api('GET', '/api/users/1')).status).to.equal(200);
      const health = await api('GET', '/health');
      expect(health.status).to.equal(503);
      expect(health.body.error.message).to.equal('not serving: product-service');
      // started again, as the shared sandbox must stay whole (its data is back to the seed)
      sandbox.startProcess('product-service');
      await untilWhole(sandbox);
    });
  });
});
