// GraphQL at the gateway (tutorial lesson 15): POST and GET /graphql against the real processes.
// Queries and mutations through the three services, errors as GraphQL errors with the gRPC code,
// the limits that refuse abusive queries, and the per-request batching the trace proves.
import { expect } from 'chai';
import { getIntrospectionQuery } from 'graphql';
import { callsTo } from './support/http';
import { untilWhole, useSandbox } from './support/sandbox';

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions: { code: string; field?: string } }>;
}
interface Span {
  kind: string;
  service: string;
  peer?: string;
  name: string;
}

describe('GraphQL at /graphql', function () {
  this.timeout(30_000);
  const shared = useSandbox();
  const call = callsTo(() => shared.sandbox.url);

  /** One GraphQL request; `requestId` names its trace. */
  async function graphql(
    query: string,
    variables?: object,
    headers: Record<string, string> = {},
  ): Promise<GraphQLAnswer & { status: number }> {
    const reply = await call('POST', '/graphql', { query, variables }, headers);
    return { status: reply.status, ...reply.body };
  }
  /** The gRPC calls the gateway itself made for a request, as "user-service GetUser". */
  async function gatewayCalls(requestId: string): Promise<string[]> {
    const trace = (await call('GET', `/traces/${requestId}`)).body;
    return trace.spans
      .filter((span: Span) => span.kind === 'client' && span.service === 'api-gateway')
      .map((span: Span) => `${span.peer} ${span.name}`);
  }

  describe('queries', () => {
    it('answers an order with its user and product in one request, asking each service once', async () => {
      const order = (await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 })).body;
      const answer = await graphql(
        'query OrderWithUserAndProduct($id: ID!) { order(id: $id) { id quantity totalPrice user { name email } product { name price } } }',
        { id: order.id },
        { 'x-request-id': 'graphql-order-user-product' },
      );
      expect(answer).to.deep.equal({
        status: 200,
        data: {
          order: {
            id: order.id,
            quantity: 2,
            totalPrice: 2000,
            user: { name: 'John', email: 'john@example.com' },
            product: { name: 'Laptop', price: 1000 },
          },
        },
      });
      // the order first; then its user and product at once (they need the order's ids)
      expect((await gatewayCalls('graphql-order-user-product')).sort()).to.deep.equal([
        'order-service GetOrder',
        'product-service GetProduct',
        'user-service GetUser',
      ]);
    });

    it('answers each type, lists a page at a time, and takes GET for a query', async () => {
      const answer = await graphql(
        '{ user(id: "2") { id name } product(id: "2") { name price description } users(pageSize: 1) { items { id } nextPageToken } products(query: "lap") { items { name } } }',
      );
      expect(answer.data).to.deep.include({
        user: { id: '2', name: 'Jane' },
        products: { items: [{ name: 'Laptop' }] },
      });
      expect((answer.data?.product as { name: string }).name).to.be.a('string');
      const users = answer.data?.users as { items: Array<{ id: string }>; nextPageToken: string };
      expect(users.items).to.deep.equal([{ id: '1' }]);
      const next = await graphql('query($after: String) { users(pageSize: 1, pageToken: $after) { items { id } } }', {
        after: users.nextPageToken,
      });
      expect(next.data).to.deep.equal({ users: { items: [{ id: '2' }] } });

      const viaGet = await call('GET', `/graphql?query=${encodeURIComponent('{ product(id: "1") { name price } }')}`);
      expect([viaGet.status, viaGet.body]).to.deep.equal([200, { data: { product: { name: 'Laptop', price: 1000 } } }]);
      const mutationViaGet = await call(
        'GET',
        `/graphql?query=${encodeURIComponent('mutation { createUser(name: "G", email: "g@example.com") { id } }')}`,
      );
      expect(mutationViaGet.status).to.equal(405);
      expect(mutationViaGet.body.errors[0].message).to.equal('Cannot perform mutations over GET');
    });

    it('answers a user with their orders through User.orders, and prints its schema', async () => {
      const user = (
        await call('POST', '/api/users', { name: 'Graph Buyer', email: `graph.buyer.${Date.now()}@example.com` })
      ).body;
      for (const quantity of [1, 3]) await call('POST', '/api/orders', { userId: user.id, productId: '2', quantity });
      const answer = await graphql(
        'query($id: ID!) { user(id: $id) { name orders { items { quantity totalPrice product { name } } nextPageToken } } }',
        { id: user.id },
      );
      expect(answer.data).to.deep.equal({
        user: {
          name: 'Graph Buyer',
          orders: {
            items: [
              { quantity: 1, totalPrice: 25, product: { name: 'Mouse' } },
              { quantity: 3, totalPrice: 75, product: { name: 'Mouse' } },
            ],
            nextPageToken: '',
          },
        },
      });
      const schema = await fetch(`${shared.sandbox.url}/graphql/schema.graphql`);
      expect(schema.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await schema.text()).to.include('createOrder(userId: ID!, productId: ID!, quantity: Int!): Order!');
    });

    it('lets GraphQL tools learn the schema by introspection, which no limit refuses', async () => {
      const answer = await graphql(getIntrospectionQuery());
      expect(answer.errors).to.equal(undefined);
      const types = (answer.data?.__schema as { types: Array<{ name: string }> }).types.map((type) => type.name);
      expect(types).to.include.members(['User', 'Product', 'Order', 'Query', 'Mutation']);
    });

    it('serves a page to try queries in a browser, with nothing from a CDN', async () => {
      const page = await fetch(`${shared.sandbox.url}/graphql`, {
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(page.headers.get('content-type')).to.match(/^text\/html/);
      const html = await page.text();
      expect(html).to.include('<script src="graphql.js"></script>');
      expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
      // a GraphQL client asking the same URL gets GraphQL's answer
      const client = await call('GET', '/graphql');
      expect(client.status).to.equal(400);
      expect(client.body.errors[0].message).to.equal('the request could not be read: Missing query');
    });
  });

  describe('mutations', () => {
    it('makes the diagram\'s order: createOrder(userId "1", productId "1", quantity 2) costs 2000', async () => {
      const answer = await graphql(
        'mutation { createOrder(userId: "1", productId: "1", quantity: 2) { id userId productId quantity totalPrice createdAt user { name } product { name } } }',
        undefined,
        { 'x-request-id': 'graphql-diagram-order' },
      );
      const order = answer.data?.createOrder as Record<string, unknown>;
      expect(order).to.deep.include({
        userId: '1',
        productId: '1',
        quantity: 2,
        totalPrice: 2000,
        user: { name: 'John' },
        product: { name: 'Laptop' },
      });
      expect((await call('GET', `/api/orders/${order.id}`)).body.totalPrice).to.equal(2000);
      // the same flow as POST /api/orders: CreateOrder, then order-service asks user ∥ product
      const trace = (await call('GET', '/traces/graphql-diagram-order')).body;
      const orderServiceCalls = trace.spans
        .filter((span: Span) => span.kind === 'client' && span.service === 'order-service')
        .map((span: Span) => span.name);
      expect(orderServiceCalls.sort()).to.deep.equal(['GetProduct', 'GetUser']);
      expect(
        trace.spans.find((span: Span & { step?: string }) => span.name === 'CreateOrder' && span.kind === 'client')
          .step,
      ).to.equal('2');
    });

    it('creates users and products, which REST then sees', async () => {
      const email = `graph.new.${Date.now()}@example.com`;
      const user = (
        await graphql(
          'mutation($email: String!) { createUser(name: "Graph New", email: $email, password: "graph-secret") { id name email } }',
          { email },
        )
      ).data?.createUser as { id: string };
      expect((await call('GET', `/api/users/${user.id}`)).body).to.deep.equal({
        id: user.id,
        name: 'Graph New',
        email,
      });
      expect((await call('POST', '/api/auth/login', { email, password: 'graph-secret' })).status).to.equal(200);
      const product = (
        await graphql('mutation { createProduct(name: "Graph lamp", price: 12.5) { id name price description } }')
      ).data?.createProduct as { id: string };
      expect((await call('GET', `/api/products/${product.id}`)).body).to.deep.include({
        name: 'Graph lamp',
        price: 12.5,
      });
    });
  });

  describe('errors', () => {
    it('answers what it could: a missing record is null with NOT_FOUND at its path, the rest is there', async () => {
      const answer = await graphql('{ order(id: "999999") { id } user(id: "1") { name } }');
      expect(answer.data).to.deep.equal({ order: null, user: { name: 'John' } });
      expect(answer.errors).to.have.length(1);
      expect(answer.errors?.[0]).to.deep.include({
        message: 'order 999999 not found',
        path: ['order'],
        extensions: { code: 'NOT_FOUND' },
      });
    });

    it("applies REST's validation rules before any call: a bad argument names its field, and no service is asked", async () => {
      const cases: Array<[string, string, string]> = [
        [
          'mutation { createOrder(userId: "1", productId: "1", quantity: 0) { id } }',
          'quantity',
          'quantity must be a whole number from 1 to 1000',
        ],
        [
          'mutation { createOrder(userId: "1", productId: "1", quantity: 100000) { id } }',
          'quantity',
          'quantity must be a whole number from 1 to 1000',
        ],
        [
          'mutation { createUser(name: "Line\\nbreak", email: "nl@example.com") { id } }',
          'name',
          'name must be a non-blank string of at most 100 characters, without control characters such as newlines',
        ],
        ['mutation { createProduct(name: "Cheap", price: 1.001) { id } }', 'price', ''],
        ['mutation { createUser(name: "Pw", email: "pw@example.com", password: "short") { id } }', 'password', ''],
      ];
      for (const [i, [query, field, message]] of cases.entries()) {
        const requestId = `graphql-invalid-${i}`;
        const answer = await graphql(query, undefined, { 'x-request-id': requestId });
        expect(answer.data, query).to.equal(null);
        expect(answer.errors?.[0].extensions, query).to.deep.equal({ code: 'INVALID_ARGUMENT', field });
        if (message) expect(answer.errors?.[0].message).to.equal(message);
        expect(await gatewayCalls(requestId), query).to.deep.equal([]);
      }
      // GraphQL's own types refuse the rest: a quantity of 1.5 is not an Int
      const typed = await graphql('mutation { createOrder(userId: "1", productId: "1", quantity: 1.5) { id } }');
      expect(typed.errors?.[0].extensions.code).to.equal('GRAPHQL_VALIDATION_FAILED');
      expect(typed.errors?.[0].message).to.match(/Int cannot represent non-integer value: 1.5/);
    });

    it('names a syntax error, an unknown field and a request that is not GraphQL, and never answers HTML', async () => {
      expect((await graphql('{ user(id: "1") { name ')).errors?.[0]).to.deep.include({
        message: 'Syntax Error: Expected Name, found <EOF>.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
      expect((await graphql('{ user(id: "1") { password } }')).errors?.[0]).to.deep.include({
        message: 'Cannot query field "password" on type "User".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const notJson = await fetch(`${shared.sandbox.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{ user(id: "1") { name } }',
      });
      expect([notJson.status, await notJson.json()]).to.deep.equal([
        400,
        {
          errors: [
            {
              message: 'send the query as JSON, {"query": "{ … }"}, with the header Content-Type: application/json',
              extensions: { code: 'INVALID_ARGUMENT' },
            },
          ],
        },
      ]);
      const broken = await call('POST', '/graphql', '{"query": ');
      expect(broken.body).to.deep.equal({
        errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'INVALID_ARGUMENT' } }],
      });
      const noQuery = await call('POST', '/graphql', { variables: {} });
      expect(noQuery.body.errors[0].message).to.equal('the request could not be read: Missing query');
      const deleted = await call('DELETE', '/graphql');
      expect([deleted.status, deleted.headers.get('allow'), deleted.body.errors[0].message]).to.deep.equal([
        405,
        'GET, POST, OPTIONS',
        'DELETE is not supported on /graphql; use GET or POST',
      ]);
      // the GraphQL-over-HTTP media type: a request error is a 400, as the specification says
      const strict = await call(
        'POST',
        '/graphql',
        { query: '{ nope }' },
        { accept: 'application/graphql-response+json' },
      );
      expect(strict.status).to.equal(400);
    });

    it("answers a failing service with the gRPC code in extensions.code and REST's safe message", async () => {
      const answer = await graphql('{ product(id: "1") { name } user(id: "1") { name } }', undefined, {
        'x-fault-fail': 'product=UNAVAILABLE',
      });
      expect(answer.data).to.deep.equal({ product: null, user: { name: 'John' } });
      expect(answer.errors?.[0]).to.deep.include({
        message: 'product-service failed with UNAVAILABLE because x-fault-fail asked it to',
        path: ['product'],
        extensions: { code: 'UNAVAILABLE' },
      });
    });
  });

  describe('limits', () => {
    it('refuses a query too deep, too wide or too long before any call, saying which limit', async () => {
      const deep = await graphql(
        '{ users { items { orders { items { user { orders { items { id } } } } } } } }',
        undefined,
        { 'x-request-id': 'graphql-too-deep' },
      );
      expect(deep.errors?.[0]).to.deep.include({
        message: 'the query nests 8 levels deep; at most 6 are allowed',
        extensions: { code: 'QUERY_TOO_DEEP' },
      });
      expect(await gatewayCalls('graphql-too-deep')).to.deep.equal([]);
      const aliases = Array.from({ length: 101 }, (_, i) => `p${i}: product(id: "${i}") { id name }`).join(' ');
      expect((await graphql(`{ ${aliases} }`)).errors?.[0]).to.deep.include({
        message: 'the query selects 303 fields; at most 200 are allowed in one query',
        extensions: { code: 'QUERY_TOO_LARGE' },
      });
      const long = `{ ${'__typename '.repeat(2100)}}`;
      expect((await graphql(long)).errors?.[0]).to.deep.include({ extensions: { code: 'QUERY_TOO_LARGE' } });
    });

    describe('the cost: how many records a query could bring back', () => {
      const tooCostly = (cost: string) =>
        `the query could return up to ${cost} records (each list counts its pageSize, nested lists multiply); at most 1,000 are allowed: ask for smaller pages`;
      // the issue's query: 2 kB within the depth and field limits, a page of 100 orders, each one's
      // user with a page of 100 of their orders; twenty times over, by aliases
      const attack = (i: number) =>
        `a${i}:orders(pageSize:100){items{id totalPrice user{name orders(pageSize:100){items{id totalPrice}}}}}`;

      it("refuses the issue's query, naming its cost and the limit, before any call", async () => {
        const twenty = await graphql(`{${Array.from({ length: 20 }, (_, i) => attack(i)).join(' ')}}`, undefined, {
          'x-request-id': 'graphql-too-costly',
        });
        expect(twenty).to.deep.equal({
          status: 200,
          errors: [
            {
              message: tooCostly('204,000'),
              locations: [{ line: 1, column: 1 }],
              extensions: { code: 'QUERY_TOO_COSTLY' },
            },
          ],
        });
        expect(await gatewayCalls('graphql-too-costly')).to.deep.equal([]);
        // one of the twenty is refused too: 100 orders + their 100 users + 100 orders of each
        const one = await graphql(`{${attack(0)}}`, undefined, { 'x-request-id': 'graphql-too-costly-one' });
        expect(one.errors?.map((error) => [error.extensions.code, error.message])).to.deep.equal([
          ['QUERY_TOO_COSTLY', tooCostly('10,200')],
        ]);
        expect(await gatewayCalls('graphql-too-costly-one')).to.deep.equal([]);
      });

      it('answers a query at the limit, and refuses one record more', async () => {
        const atTheLimit = 'users(pageSize: 10) { items { id orders(pageSize: 99) { items { id } } } }'; // 10 + 10 × 99
        const answer = await graphql(`{ ${atTheLimit} }`);
        expect(answer.errors).to.equal(undefined);
        expect((answer.data?.users as { items: unknown[] }).items).to.have.length.within(1, 10);
        const over = await graphql(`{ ${atTheLimit} product(id: "1") { name } }`, undefined, {
          'x-request-id': 'graphql-over-the-limit',
        });
        expect(over.errors?.[0]).to.deep.include({
          message: tooCostly('1,001'),
          extensions: { code: 'QUERY_TOO_COSTLY' },
        });
        expect(await gatewayCalls('graphql-over-the-limit')).to.deep.equal([]);
      });

      it('counts a pageSize given as a variable', async () => {
        const query =
          'query($size: Int) { orders(pageSize: $size) { items { user { orders(pageSize: $size) { items { id } } } } } }';
        const answer = await graphql(query, { size: 100 }, { 'x-request-id': 'graphql-costly-variables' });
        expect(answer.errors?.[0]).to.deep.include({
          message: tooCostly('10,200'),
          extensions: { code: 'QUERY_TOO_COSTLY' },
        });
        expect(await gatewayCalls('graphql-costly-variables')).to.deep.equal([]);
        // and the same query with small pages, sent as the variable, is answered
        const small = await graphql(query, { size: 5 });
        expect(small.errors).to.equal(undefined);
      });

      it('counts an alias and a fragment each time they are used', async () => {
        const page = 'fragment Page on UserPage { items { orders(pageSize: 99) { items { id } } } }';
        expect(
          (
            await graphql(`
              {
                a: users(pageSize: 10) {
                  ...Page
                }
              }
              ${page}
            `)
          ).errors,
        ).to.equal(undefined);
        const twice = await graphql(`
          {
            a: users(pageSize: 10) {
              ...Page
            }
            b: users(pageSize: 10) {
              ...Page
            }
          }
          ${page}
        `);
        expect(twice.errors?.[0]).to.deep.include({
          message: tooCostly('2,000'),
          extensions: { code: 'QUERY_TOO_COSTLY' },
        });
      });
    });

    it('measures fragments once: a query that spreads fragments in fragments is refused at once, not after minutes', async () => {
      // each fragment spreads the one below twice: 2^30 fields if expanded naively
      const fragments = Array.from(
        { length: 30 },
        (_, i) => `fragment F${i} on User { name ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
      );
      const started = Date.now();
      const answer = await graphql(`
        {
          user(id: "1") {
            ...F0
          }
        }
        ${fragments.join(' ')}
      `);
      expect(answer.errors?.map((error) => error.extensions.code)).to.include('QUERY_TOO_LARGE');
      expect(Date.now() - started).to.be.lessThan(5000);
    });
  });

  describe('batching: the N+1 problem', () => {
    it('looks each distinct user up once per request, however many orders name them', async () => {
      // the page that ends the list now: the 50 orders made next will follow it, on its page or the next
      let lastPageToken = '';
      for (let token = ''; ;) {
        const page = (
          await call('GET', `/api/orders?pageSize=100${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`)
        ).body;
        if (!page.nextPageToken) break;
        lastPageToken = token = page.nextPageToken;
      }
      const buyers: string[] = [];
      for (const name of ['Batch A', 'Batch B', 'Batch C']) {
        buyers.push(
          (
            await call('POST', '/api/users', {
              name,
              email: `${name.replace(' ', '.').toLowerCase()}.${Date.now()}@example.com`,
            })
          ).body.id,
        );
      }
      for (let i = 0; i < 50; i += 1)
        await call('POST', '/api/orders', { userId: buyers[i % 3], productId: '2', quantity: 1 });
      // each page of orders with their users: one GetUser per distinct user on the page, not one per order
      let pageToken = lastPageToken;
      let mine = 0;
      for (let page = 0; page < 3; page += 1) {
        const requestId = `graphql-batch-${page}`;
        const answer = await graphql(
          'query($after: String) { orders(pageSize: 100, pageToken: $after) { items { id user { id name } } nextPageToken } }',
          { after: pageToken },
          { 'x-request-id': requestId },
        );
        const { items, nextPageToken } = answer.data?.orders as {
          items: Array<{ user: { id: string } | null }>;
          nextPageToken: string;
        };
        const distinct = new Set(items.map((item) => item.user?.id));
        const calls = await gatewayCalls(requestId);
        expect(calls.filter((c) => c === 'user-service GetUser')).to.have.length(distinct.size);
        expect(calls.filter((c) => c === 'order-service ListOrders')).to.have.length(1);
        const ofBuyers = items.filter((item) => buyers.includes(item.user?.id ?? '')).length;
        // the three buyers' orders on this page cost at most three lookups, however many there are
        expect(distinct.size).to.be.at.most(items.length - ofBuyers + 3);
        mine += ofBuyers;
        if (!nextPageToken) break;
        pageToken = nextPageToken;
      }
      expect(mine).to.equal(50);
      // the 50 orders of the three, on their own: 1 ListOrders… per user, and 3 GetUser, not 50
      const requestId = 'graphql-batch-three';
      const aliases = buyers.map((id, i) => `u${i}: orders(userId: "${id}") { items { user { name } } }`).join(' ');
      const answer = await graphql(`{ ${aliases} }`, undefined, { 'x-request-id': requestId });
      expect(Object.values(answer.data ?? {}).flatMap((page) => (page as { items: unknown[] }).items)).to.have.length(
        50,
      );
      expect((await gatewayCalls(requestId)).sort()).to.deep.equal([
        ...Array(3).fill('order-service ListOrders'),
        ...Array(3).fill('user-service GetUser'),
      ]);
    });
  });

  describe('with auth (lesson 11)', () => {
    // with AUTH=required the switch is the admin's: Ada's token goes along
    const settings = async (changes: object) => {
      const ada = await call('POST', '/api/auth/login', { email: 'ada@example.com', password: 'ada-secret' });
      return call('PATCH', '/lab/settings', changes, { authorization: `Bearer ${ada.body.token}` });
    };
    afterEach(async () => {
      expect((await settings({ auth: 'off' })).body.auth).to.equal('off');
    });

    it("refuses what REST refuses: another user's order is PERMISSION_DENIED; AUTH=required needs a token", async () => {
      const login = await call('POST', '/api/auth/login', { email: 'john@example.com', password: 'john-secret' });
      const john = { authorization: `Bearer ${login.body.token}` };
      const forJane = await graphql(
        'mutation { createOrder(userId: "2", productId: "1", quantity: 1) { id } }',
        undefined,
        john,
      );
      expect(forJane.errors?.[0]).to.deep.include({
        message: 'you are user 1 and cannot order for user 2',
        extensions: { code: 'PERMISSION_DENIED' },
      });
      const product = await graphql('mutation { createProduct(name: "Not mine", price: 1) { id } }', undefined, john);
      expect(product.errors?.[0].extensions.code).to.equal('PERMISSION_DENIED');

      expect((await settings({ auth: 'required' })).body.auth).to.equal('required');
      const anonymous = await call('POST', '/graphql', { query: '{ user(id: "1") { name } }' });
      expect(anonymous.status).to.equal(401);
      expect(anonymous.headers.get('www-authenticate')).to.equal('Bearer realm="api-gateway"');
      expect(anonymous.body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
      expect(
        (
          await graphql(
            'mutation { createOrder(userId: "1", productId: "1", quantity: 2) { totalPrice } }',
            undefined,
            john,
          )
        ).data,
      ).to.deep.equal({ createOrder: { totalPrice: 2000 } });
      // the page to try queries is still served: the token is sent with each query
      expect((await fetch(`${shared.sandbox.url}/graphql`, { headers: { accept: 'text/html' } })).status).to.equal(200);
    });
  });

  describe('a service really stopped', () => {
    it('GraphQL answers the rest with an error for the missing part; REST aggregation fails as a whole', async () => {
      const { sandbox } = shared;
      const order = (await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 })).body;
      // product-service, not user-service: a restarted user-service gives new users the ids of
      // forgotten ones, whose orders order-service still holds (later files share this sandbox)
      await sandbox.stopProcess('product-service');
      try {
        const answer = await graphql(
          'query($id: ID!) { order(id: $id) { totalPrice user { name } product { name } } }',
          { id: order.id },
        );
        expect(answer.data).to.deep.equal({ order: { totalPrice: 2000, user: { name: 'John' }, product: null } });
        expect(answer.errors?.[0]).to.deep.include({
          message: 'product-service is unavailable',
          path: ['order', 'product'],
          extensions: { code: 'UNAVAILABLE' },
        });
        const aggregated = await call('GET', `/api/orders/${order.id}?expand=user,product`);
        expect([aggregated.status, aggregated.body.error]).to.deep.equal([
          503,
          { code: 'UNAVAILABLE', message: 'product-service is unavailable' },
        ]);
      } finally {
        // started again, as the shared sandbox must stay whole (its products are back to the seed)
        sandbox.startProcess('product-service');
        await untilWhole(sandbox);
      }
    });
  });
});
