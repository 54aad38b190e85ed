// GET /openapi.json (lesson 16): a valid OpenAPI 3.1 document, and a true one. Every route it
// describes is called for every status it documents, each provoked the way a student would (a
// bad body, a wrong token, a fault header, a stopped service…), and each real answer is checked
// against the document's schema for that status. The Postman collection is checked against it too.
import { expect } from 'chai';
import fs from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import type { Sandbox } from './support/harness';
import { callsTo, type Reply } from './support/http';
import { untilWhole, useSandbox } from './support/sandbox';

interface DocumentedOperation {
  parameters?: Array<{ name: string; in: string; example?: string }>;
  requestBody?: { content: { 'application/json': { example?: object } } };
  responses: Record<string, { $ref?: string; content?: object; headers?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, DocumentedOperation>>;

// the services each route asks, for the fault headers (the document says only that a route can fail)
const SERVICE_OF: Record<string, string> = { users: 'user', products: 'product', orders: 'order', auth: 'user' };

describe('OpenAPI: GET /openapi.json describes the REST API truly', function () {
  this.timeout(60_000);
  // the shared sandbox, reset first: the document's examples are requests that succeed on a fresh
  // sandbox (DELETE user 4, product 5, …); reset again after. The test puts back each setting it
  // switches (rate limit, auth, saga) and starts again the service it stops
  const shared = useSandbox();
  let sandbox: Sandbox;
  // the gateway's deadline (GATEWAY_DEADLINE_MS, 2000 unless set): the 504s, which wait it out, are
  // provoked all at once
  let deadlineMs: number;
  let document: {
    openapi: string;
    servers: Array<{ url: string }>;
    paths: Paths;
    components: { responses: Record<string, { content: { 'application/json': { schema: object } } }> };
  };
  let ajv: Ajv2020;
  let johnToken: string;

  before(async () => {
    sandbox = shared.sandbox;
    deadlineMs = Number(sandbox.env.GATEWAY_DEADLINE_MS ?? 2000);
    const reset = await call('POST', '/lab/reset');
    expect(reset.status, reset.text).to.equal(200);
    document = (await call('GET', '/openapi.json')).body;
    const int = (bits: number) => ({
      type: 'number' as const,
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** (bits - 1),
    });
    ajv = new Ajv2020({
      strict: false,
      formats: { int32: int(32), double: true, float: true, int64: true, uint64: true },
    });
    ajv.addSchema(document, 'openapi.json');
  });
  // and the shared sandbox goes on as a reset leaves it: the examples change seeded records (PUT
  // /api/users/2, PATCH /api/products/2, DELETE /api/users/4, …), which the other tests read as seeded
  after(async () => {
    if (shared.sandbox) expect((await call('POST', '/lab/reset')).status).to.equal(200);
  });

  const call = callsTo(() => sandbox.url);

  /** Every (path, method) the document has, in its order. */
  function operations(): Array<{ path: string; method: string; operation: DocumentedOperation }> {
    return Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
  }

  /** The real path of a documented one, with its example id (or `id`). */
  function pathOf(path: string, operation: DocumentedOperation, id?: string): string {
    const example = operation.parameters?.find((parameter) => parameter.in === 'path')?.example;
    return path.replace('{id}', id ?? example ?? '1');
  }

  /** The statuses only order-service's saga gives (lesson 16), with it switched on. */
  async function withSaga(send: () => Promise<Reply>): Promise<Reply> {
    expect((await call('PATCH', '/lab/settings', { saga: 'on' })).status).to.equal(200);
    try {
      return await send();
    } finally {
      expect((await call('PATCH', '/lab/settings', { saga: 'off' })).status).to.equal(200);
    }
  }

  /** Checks one real answer against what the document says of that status. */
  function expectConforms(reply: Reply, path: string, method: string, status: number, what: string): void {
    expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).to.equal(status);
    const documented = document.paths[path][method].responses[status];
    expect(documented, `${method.toUpperCase()} ${path} does not document ${status}`).to.not.equal(undefined);
    const response = documented.$ref
      ? document.components.responses[documented.$ref.split('/').pop() as string]
      : documented;
    const content = (response as { content?: Record<string, { schema: object }> }).content;
    if (!content) {
      expect(reply.body, what).to.equal(undefined);
      return;
    }
    if (content['text/event-stream']) {
      // GET /api/events: Server-Sent Events, not JSON (their data lines are the services' events)
      expect(reply.headers.get('content-type'), what).to.match(/^text\/event-stream/);
      expect(reply.text, what).to.match(/^retry: \d+\n\n(id: \d+\.\d+\nevent: [\w.]+\ndata: \{.*\}\n\n)*$/);
      return;
    }
    expect(reply.headers.get('content-type'), what).to.match(/^application\/json/);
    const pointer = documented.$ref
      ? `#/components/responses/${status}/content/application~1json/schema`
      : `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.getSchema(`openapi.json${pointer}`);
    expect(validate, pointer).to.not.equal(undefined);
    const valid = validate?.(reply.body);
    expect(valid, `${what}: ${JSON.stringify(reply.body)} ${JSON.stringify(validate?.errors)}`).to.equal(true);
    for (const header of Object.keys((response as { headers?: object }).headers ?? {})) {
      expect(reply.headers.get(header), `${what}: header ${header}`).to.not.equal(null);
    }
  }

  it('is a valid OpenAPI 3.1 document, whose server is the gateway the client reached', async () => {
    const result = await new Validator().validate(document);
    expect(result).to.deep.equal({ valid: true });
    expect(document.openapi).to.equal('3.1.0');
    expect(document.servers.map((server) => server.url)).to.deep.equal([sandbox.url]);
    // the request bodies are the gateway's own validation schemas: the order's rules are there
    const order = (
      document.paths['/api/orders'].post.requestBody as {
        content: { 'application/json': { schema: { properties: { quantity: object } } } };
      }
    ).content['application/json'].schema;
    expect(order.properties.quantity).to.deep.equal({ type: 'integer', minimum: 1, maximum: 1000 });
  });

  it('lists each path with exactly the methods the gateway answers there (OPTIONS → Allow)', async () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const reply = await fetch(`${sandbox.url}${path.replace('{id}', '1')}`, { method: 'OPTIONS' });
      const allowed = (reply.headers.get('allow') ?? '')
        .split(/,\s*/)
        .filter((method) => method && method !== 'OPTIONS' && method !== 'HEAD');
      expect(allowed.map((method) => method.toLowerCase()).sort(), path).to.deep.equal(Object.keys(methods).sort());
    }
  });

  it("answers each route's example with its documented success, in the documented shape (the diagram's order: 2000)", async () => {
    const login = await call('POST', '/api/auth/login', { email: 'john@example.com', password: 'john-secret' });
    johnToken = login.body.token;
    for (const { path, method, operation } of operations()) {
      const success = Number(Object.keys(operation.responses).find((status) => status.startsWith('2')));
      const body = operation.requestBody?.content['application/json'].example;
      const headers: Record<string, string> = path === '/api/auth/me' ? { authorization: `Bearer ${johnToken}` } : {};
      // the query parameters' examples too: GET /api/events?follow=false ends after the events kept
      const query = new URLSearchParams(
        (operation.parameters ?? [])
          .filter((p) => p.in === 'query' && p.example !== undefined)
          .map((p): [string, string] => [p.name, String(p.example)]),
      ).toString();
      const reply = await call(
        method.toUpperCase(),
        `${pathOf(path, operation)}${query ? `?${query}` : ''}`,
        body,
        headers,
      );
      expectConforms(reply, path, method, success, `${method.toUpperCase()} ${path} example`);
      if (path === '/api/orders' && method === 'post') expect(reply.body.totalPrice).to.equal(2000);
    }
  });

  it('gives every documented error status, each in the JSON error shape the document describes', async () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const john = bearer(johnToken);
    let checked = 0;
    const slow: Array<{ path: string; method: string; what: string; send: () => Promise<Reply> }> = [];
    for (const { path, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses)
        .map(Number)
        .filter((status) => status >= 400 && status !== 429);
      const example = operation.requestBody?.content['application/json'].example;
      const service = SERVICE_OF[path.split('/')[2]];
      const send = (body: unknown, headers: Record<string, string> = {}, id?: string) =>
        call(method.toUpperCase(), pathOf(path, operation, id), body, {
          ...(path === '/api/auth/me' ? john : {}),
          ...headers,
        });
      for (const status of statuses) {
        const what = `${method.toUpperCase()} ${path} → ${status}`;
        let reply: Reply;
        if (status === 400 && path.endsWith('/cancel'))
          reply = await send(undefined, {}, 'x'.repeat(65)); // no body, no query: a broken id
        else if (status === 400)
          reply = operation.requestBody
            ? await send({})
            : await call(method.toUpperCase(), `${pathOf(path, operation)}?nope=1`);
        else if (status === 402)
          reply = await withSaga(() => send({ ...example, quantity: 11 })); // 11 Laptops: 11000.00, over the mock card's limit
        else if (status === 409 && path === '/api/orders') {
          const soldOut = await call('POST', '/api/products', { name: 'Sold out', price: 5, stock: 0 });
          reply = await withSaga(() => send({ ...example, productId: soldOut.body.id }));
        } else if (status === 403 && (path.endsWith('/cancel') || path === '/api/orders/{id}')) {
          const janes = await call('POST', '/api/orders', { userId: '2', productId: '1', quantity: 1 });
          reply = await send(undefined, john, janes.body.id); // John may not cancel, nor read, Jane's order
        } else if (status === 403 && (path === '/api/orders' || path === '/api/events')) {
          const query = path === '/api/events' ? '?userId=2&follow=false' : '?userId=2';
          reply = await call('GET', `${path}${query}`, undefined, john); // nor list her orders, nor follow their events
        } else if (status === 403 && path === '/lab/settings') {
          // with AUTH=required, the switches are the admin's
          const adaLogin = await call('POST', '/api/auth/login', { email: 'ada@example.com', password: 'ada-secret' });
          expect(adaLogin.status, JSON.stringify(adaLogin.body)).to.equal(200);
          const ada = bearer(adaLogin.body.token);
          expect((await call('PATCH', '/lab/settings', { auth: 'required' }, ada)).status).to.equal(200);
          reply = await send(example, john);
          expect((await call('PATCH', '/lab/settings', { auth: 'off' }, ada)).status).to.equal(200);
        } else if (status === 401)
          reply =
            path === '/api/auth/login'
              ? await send({ email: 'john@example.com', password: 'wrong' })
              : await send(example, bearer('not.a.token'));
        else if (status === 403)
          reply = await send(path === '/api/orders' ? { ...example, userId: '2' } : example, john, '2');
        else if (status === 404)
          reply =
            path === '/api/orders' && method === 'post'
              ? await send({ ...example, userId: '999999' })
              : await send(example, {}, '999999');
        else if (status === 409) reply = await send({ name: 'Taken', email: 'jane@example.com' }, {}, '1');
        else if (status === 413) reply = await send({ name: 'x'.repeat(200_000) });
        else if (status === 500) reply = await send(example, { 'x-fault-fail': `${service}=INTERNAL` });
        else if (status === 504) {
          // each waits out the deadline: all at once, below
          slow.push({
            path,
            method,
            what,
            send: () => send(example, { 'x-fault-delay': `${service}=${deadlineMs + 500}` }),
          });
          continue;
        } else if (status === 503 && (path === '/health' || path === '/api/events')) {
          await sandbox.stopProcess('product-service');
          reply = await send(undefined);
          sandbox.startProcess('product-service');
          await untilWhole(sandbox);
        } else if (status === 503) reply = await send(example, { 'x-fault-fail': `${service}=UNAVAILABLE` });
        else throw new Error(`${what}: the test does not know how to provoke ${status}; teach it`);
        expectConforms(reply, path, method, status, what);
        checked += 1;
      }
    }
    const timedOut = await Promise.all(slow.map(({ send }) => send()));
    slow.forEach(({ path, method, what }, i) => expectConforms(timedOut[i], path, method, 504, what));
    checked += slow.length;
    expect(checked).to.be.at.least(100);
  });

  it('answers 429 on every /api route once a client is over the rate limit, with Retry-After', async () => {
    expect((await call('PATCH', '/lab/settings', { rateLimit: '1/min' })).status).to.equal(200);
    try {
      await call('GET', '/api/users/1'); // the one request the minute allows
      for (const { path, method, operation } of operations().filter(({ path }) => path.startsWith('/api/'))) {
        expect(Object.keys(operation.responses), `${method} ${path}`).to.include('429');
        const reply = await call(
          method.toUpperCase(),
          pathOf(path, operation),
          operation.requestBody?.content['application/json'].example,
        );
        expectConforms(reply, path, method, 429, `${method.toUpperCase()} ${path} → 429`);
      }
    } finally {
      expect((await call('PATCH', '/lab/settings', { rateLimit: 'off' })).status).to.equal(200);
    }
  });

  it('covers every REST route the Postman collection calls, and the collection calls every one it documents', () => {
    const collection = JSON.parse(fs.readFileSync(`${__dirname}/../postman/sandbox.postman_collection.json`, 'utf8'));
    const requests: Array<{ method: string; path: string }> = [];
    const walk = (items: Array<{ item?: unknown[]; request?: { method: string; url: { raw: string } } }>) => {
      for (const item of items) {
        if (item.item) walk(item.item as typeof items);
        if (item.request)
          requests.push({
            method: item.request.method.toLowerCase(),
            path: item.request.url.raw.replace(/^\{\{baseUrl\}\}/, '').split('?')[0],
          });
      }
    };
    walk(collection.item);
    // a documented path as a pattern: {id} matches one segment, whatever Postman variable fills it
    const patterns = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        key: `${method} ${path}`,
        method,
        pattern: new RegExp(`^${path.replace('{id}', '[^/]+')}$`),
      })),
    );
    const undocumented = requests.filter(
      ({ method, path }) =>
        !/^\/(graphql|openapi\.json|docs|traces|lab\/(processes|reset))/.test(path) &&
        !patterns.some((p) => p.method === method && p.pattern.test(path)),
    );
    expect(undocumented, 'requests in the collection that /openapi.json does not describe').to.deep.equal([]);
    const uncalled = patterns
      .filter((p) => !requests.some(({ method, path }) => p.method === method && p.pattern.test(path)))
      .map((p) => p.key);
    expect(uncalled, 'documented routes the collection never calls').to.deep.equal([]);
  });

  it('serves the API reference page at /docs, with its assets from the gateway itself', async () => {
    const page = await fetch(`${sandbox.url}/docs`);
    const html = await page.text();
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    const assets = html.match(/(?<=src=")[^"]+|(?<=<link rel="stylesheet" href=")[^"]+/g) ?? [];
    expect(assets).to.have.length(3);
    for (const asset of assets) {
      const reply = await fetch(`${sandbox.url}${asset}`);
      // read to its end: an answer left unread (swagger-ui-bundle.js is 1.7 MB) keeps the gateway
      // writing it, and a gateway told to stop waits for what it is still writing (up to 5 s)
      expect([reply.status, (await reply.arrayBuffer()).byteLength > 0], asset).to.deep.equal([200, true]);
    }
  });
});
