// The auth chapter as an attacker tries it (tutorial lesson 11), against the four real processes:
// every spelling of a path meets its route's rule, the sandbox's controls ask who you are, other
// sites' pages cannot change anything, a token dies with its user, and so do its open streams,
// reads are each user's own, guessing a password is slow, the event streams' cap cannot be worn
// down nor held by one client, introspection is measured, secrets stay out of the traces, a
// request id names one user's trace, and a refusal names nobody else. Its own sandbox: these
// tests reset it, restart user-service and switch AUTH; its open streams check their tokens every
// 200 ms (TOKEN_RECHECK_MS), and its JWT_SECRET is known, to make a token that expires soon.
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { getIntrospectionQuery } from 'graphql';
import http from 'node:http';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox } from './support/harness';
import { callsTo } from './support/http';
import { report, TEST_JWT_SECRET, until, untilLogged } from './support/sandbox';

// the gateway's login throttle counts failed logins for 10,000 emails; this sandbox's, for 40, so
// that test 13 fills it with 40 logins, not 10,000: a table that forgot an email to make room, or
// kept the logins that ended in 503, would still be seen (the three emails this file locks, and 8
// logins in flight at a time, take 11 of its places)
const EMAILS_COUNTED = 40;

/** An event stream (GET /traces/stream, GET /api/events) read as it comes, until it ends or is closed. */
interface Followed {
  answer: Response; // held while it is followed: an answer nobody holds is collected, and its connection closed
  status: number;
  text(): string;
  ended(): boolean; // the gateway ended it
  close(): void;
}

// the last event of a stream the gateway ended: {"code", "message"}
function endedWith(text: string): { code: string; message: string } | undefined {
  const data = /event: stream\.ended\ndata: (.*)\n\n$/.exec(text)?.[1];
  return data === undefined ? undefined : JSON.parse(data);
}

describe('the auth chapter holds against a hostile client (lesson 11)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({
      env: {
        TOKEN_RECHECK_MS: '200',
        JWT_SECRET: TEST_JWT_SECRET,
        LOGIN_EMAILS_COUNTED: String(EMAILS_COUNTED),
        // nothing here is about deadlines: a password check is scrypt, slow on purpose (40 ms of
        // CPU), and five at once on a starved machine once passed the 2 s default, a 504 that
        // counts as no verdict: four 401s instead of five in "a hundred guesses sent at once"
        GATEWAY_DEADLINE_MS: '10000',
      },
    });
  });
  after(() => sandbox?.stop());

  const call = callsTo(() => sandbox.url);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  async function login(email: string, password: string): Promise<Record<string, string>> {
    const reply = await call('POST', '/api/auth/login', { email, password });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return bearer(reply.body.token);
  }
  // John's, Jane's and Ada's tokens, each got by one login and used from test to test: a login is
  // a password check (scrypt, tens of milliseconds of CPU) and most tests only need a token. A test
  // whose point is the login itself calls login(). A reset or a restarted user-service ends every
  // earlier login: loginsEnded() forgets the tokens, and the next tokenOf() logs in again.
  const tokens = new Map<string, Record<string, string>>();
  async function tokenOf(name: 'john' | 'jane' | 'ada'): Promise<Record<string, string>> {
    const token = tokens.get(name) ?? (await login(`${name}@example.com`, `${name}-secret`));
    tokens.set(name, token);
    return token;
  }
  const loginsEnded = () => tokens.clear();
  async function signUp(
    name: string,
    email: string,
    password: string,
  ): Promise<{ id: string; token: Record<string, string> }> {
    const created = await call('POST', '/api/users', { name, email, password });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return { id: created.body.id, token: await login(email, password) };
  }
  const settings = async (changes: object) => {
    const reply = await call('PATCH', '/lab/settings', changes, await tokenOf('ada'));
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
  };
  // a test that changed a setting puts it back (with Ada's token), only if one did
  const DEFAULTS: Record<string, unknown> = { auth: 'off', cacheTtlMs: 0, saga: 'off', rateLimit: 'off' };
  afterEach(async () => {
    const now = (await call('GET', '/lab/settings')).body as Record<string, unknown>;
    if (Object.keys(DEFAULTS).some((name) => now[name] !== DEFAULTS[name])) await settings(DEFAULTS);
  });

  async function follow(path: string, headers: Record<string, string> = {}): Promise<Followed> {
    const controller = new AbortController();
    const response = await fetch(`${sandbox.url}${path}`, { headers, signal: controller.signal });
    let text = '';
    let ended = false;
    void (async () => {
      for await (const chunk of (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()))
        text += chunk;
      ended = true;
    })().catch(() => undefined); // closed
    return {
      answer: response,
      status: response.status,
      text: () => text,
      ended: () => ended,
      close: () => controller.abort(),
    };
  }

  describe('1. every spelling of a path meets the rule of the route it reaches', () => {
    for (const auth of ['off', 'required']) {
      it(`AUTH=${auth}: John cannot take over Ada's account, change a price, order or cancel for others, or delete Jane, however he spells the path`, async () => {
        await settings({ auth });
        const john = await tokenOf('john');
        const janes = await call(
          'POST',
          '/api/orders',
          { userId: '2', productId: '2', quantity: 1 },
          await tokenOf('jane'),
        );
        expect(janes.status).to.equal(201);
        const spellings = (path: string) => [
          path,
          path.replace('/api/', '/api/').replace(/\/(\w)/g, (_, c: string) => `/${c.toUpperCase()}`),
          path.toUpperCase().replace('/API', '/api'),
          `${path}/`,
          path.replace(
            /\/(\d+)(\/|$)/,
            (_, id: string, end: string) => `/%${id.charCodeAt(0).toString(16)}${id.slice(1)}${end}`,
          ),
        ];
        const attacks: Array<[string, string, unknown]> = [
          ['PATCH', '/api/users/3', { password: 'taken-over-by-john' }],
          ['PUT', '/api/users/3', { name: 'Ada', email: 'ada@example.com', password: 'taken-over-by-john' }],
          ['DELETE', '/api/users/2', undefined],
          ['PATCH', '/api/products/1', { price: 1 }],
          ['DELETE', '/api/products/1', undefined],
          ['POST', '/api/orders', { userId: '2', productId: '1', quantity: 1 }],
          ['POST', `/api/orders/${janes.body.id}/cancel`, undefined],
          ['GET', '/api/users/3', undefined],
          ['GET', `/api/orders/${janes.body.id}`, undefined],
          ['GET', '/api/users/2/orders', undefined],
        ];
        let tried = 0;
        for (const [method, path, body] of attacks) {
          for (const spelled of new Set(spellings(path))) {
            const reply = await call(method, spelled, body, john);
            tried += 1;
            // refused by the rule of the route it would reach, or reaching no route at all
            expect([403, 404], `${method} ${spelled}: ${JSON.stringify(reply.body)}`).to.include(reply.status);
            if (reply.status === 403) expect(reply.body.error.code).to.equal('PERMISSION_DENIED');
          }
        }
        // nothing changed: Ada logs in with her own password, the Laptop costs 1000, Jane is there, her order stands
        const ada = await login('ada@example.com', 'ada-secret');
        expect((await call('GET', '/api/products/1', undefined, john)).body.price).to.equal(1000);
        expect((await call('GET', '/api/users/2', undefined, ada)).status).to.equal(200);
        expect((await call('GET', `/api/orders/${janes.body.id}`, undefined, ada)).body.status).to.equal('CONFIRMED');
        report(`${tried} spellings of ${attacks.length} attacks refused with AUTH=${auth}`);
      });
    }

    it('lets John do to his own records, spelled any way, what he may', async () => {
      const john = await tokenOf('john');
      expect((await call('GET', '/api/Users/1', undefined, john)).body.name).to.equal('John');
      expect((await call('GET', '/api/users/%31', undefined, john)).body.name).to.equal('John');
      expect(
        (await call('POST', '/api/Orders', { userId: '1', productId: '1', quantity: 2 }, john)).body.totalPrice,
      ).to.equal(2000);
    });
  });

  describe("3. the sandbox's controls ask who you are", () => {
    const controls: Array<[string, string, unknown]> = [
      ['PATCH', '/lab/settings', { auth: 'off' }],
      ['POST', '/lab/reset', undefined],
      ['POST', '/lab/processes/product-service/stop', undefined],
      ['POST', '/lab/processes/product-service/scale/4', undefined],
      ['POST', '/LAB/Reset', undefined],
    ];

    it('with AUTH=required: 401 without a token, 403 for a user, decided before the body is read; the admin is obeyed', async () => {
      await settings({ auth: 'required' });
      const john = await tokenOf('john');
      for (const [method, path, body] of controls) {
        const anonymous = await call(method, path, body);
        expect([anonymous.status, anonymous.body.error.code], `${method} ${path}`).to.deep.equal([
          401,
          'UNAUTHENTICATED',
        ]);
        expect(anonymous.headers.get('www-authenticate')).to.equal('Bearer realm="api-gateway"');
        const user = await call(method, path, body, john);
        expect([user.status, user.body.error.message], `${method} ${path}`).to.deep.equal([
          403,
          "only the admin can change the sandbox's settings and processes while AUTH=required; you are logged in as John (user 1)",
        ]);
      }
      // the body is not even read: not valid JSON, or larger than the limit, it is still a 401
      expect((await call('PATCH', '/lab/settings', '{"auth": "of')).status).to.equal(401);
      expect((await call('PATCH', '/lab/settings', JSON.stringify({ auth: 'x'.repeat(200_000) }))).status).to.equal(
        401,
      );
      // every service still runs, on one process each, and nothing was reset
      const processes = (await call('GET', '/lab/processes')).body.processes as Array<{ name: string; state: string }>;
      expect(processes.map((p) => `${p.name} ${p.state}`)).to.deep.equal([
        'user-service running',
        'product-service running',
        'order-service running',
        'api-gateway running',
      ]);
      expect((await call('GET', '/lab/settings')).body.auth).to.equal('required');
      // the admin: the launcher takes her commands (this one it refuses, for its own reason)
      const ada = await tokenOf('ada');
      expect(
        (await call('POST', '/lab/processes/product-service/scale/9', undefined, ada)).body.error.message,
      ).to.match(/1 to 4/);
      expect((await call('PATCH', '/lab/settings', { auth: 'off' }, ada)).body.auth).to.equal('off');
    });

    it('with AUTH=required, the traces need a token, and a user reads only those of their own requests', async () => {
      await settings({ auth: 'required' });
      const john = await tokenOf('john');
      const jane = await tokenOf('jane');
      await call('GET', '/api/users/1', undefined, { ...john, 'x-request-id': 'security-johns-read' });
      await call('GET', '/api/users/2', undefined, { ...jane, 'x-request-id': 'security-janes-read' });
      expect((await call('GET', '/traces')).status).to.equal(401);
      const johns = (await call('GET', '/traces?limit=100', undefined, john)).body.traces as Array<{
        requestId: string;
        userId?: string;
      }>;
      expect(johns.map((t) => t.requestId))
        .to.include('security-johns-read')
        .and.not.include('security-janes-read');
      expect(johns.every((t) => t.userId === '1')).to.equal(true);
      expect((await call('GET', '/traces/security-janes-read', undefined, john)).status).to.equal(404);
      const ada = await tokenOf('ada');
      expect((await call('GET', '/traces/security-janes-read', undefined, ada)).body.userId).to.equal('2');
    });

    it('with AUTH=off (the default), the controls stay open, as the whole sandbox is', async () => {
      expect((await call('PATCH', '/lab/settings', { cacheTtlMs: 0 })).status).to.equal(200);
      expect((await call('GET', '/traces')).status).to.equal(200);
    });
  });

  describe('4. a page on another site cannot change anything (cross-site requests)', () => {
    // what a browser sends for fetch(url, { method: 'POST', mode: 'no-cors' }) from http://evil.example
    const hostile: Array<Record<string, string>> = [
      { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }, // another port of this machine
      { origin: 'null', 'sec-fetch-site': 'cross-site' }, // a sandboxed frame, a file
      { 'sec-fetch-site': 'cross-site' }, // no Origin at all
    ];

    it('refuses every change it sends, with the JSON error, and changes nothing', async () => {
      const order = (await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 })).body;
      const targets: Array<[string, string, string?]> = [
        ['POST', '/lab/reset'],
        ['POST', '/lab/processes/product-service/stop'],
        ['POST', '/lab/processes/product-service/scale/4'],
        ['POST', `/api/orders/${order.id}/cancel`],
        ['PATCH', '/lab/settings', '{"auth":"required"}'],
        ['DELETE', '/api/users/2'],
        ['POST', '/graphql', `{"query":"mutation { cancelOrder(id: \\"${order.id}\\") { status } }"}`],
      ];
      for (const headers of hostile) {
        for (const [method, path, body] of targets) {
          const reply = await call(method, path, body, {
            ...headers,
            ...(body ? { 'content-type': 'text/plain' } : {}),
          });
          expect(reply.status, `${method} ${path} ${JSON.stringify(headers)}`).to.equal(403);
          // GraphQL's clients read the error the GraphQL way
          const error =
            path === '/graphql'
              ? { code: reply.body.errors[0].extensions.code, message: reply.body.errors[0].message }
              : reply.body.error;
          expect(error.code).to.equal('PERMISSION_DENIED');
          expect(error.message).to.match(
            /is refused: only the gateway's own page, and clients that are not browsers \(curl, the CLI, Postman\), may change things here$/,
          );
        }
      }
      expect((await call('GET', `/api/orders/${order.id}`)).body.status).to.equal('CONFIRMED');
      expect((await call('GET', '/api/users/2')).status).to.equal(200);
      expect((await call('GET', '/lab/settings')).body.auth).to.equal('off');
      expect(((await call('GET', '/lab/processes')).body.processes as unknown[]).length).to.equal(4);
    });

    it("takes the page's own requests, and those of curl, the CLI and Postman (no Origin), as before", async () => {
      const own = new URL(sandbox.url).host;
      const created = await call(
        'POST',
        '/api/products',
        { name: 'Same-origin lamp', price: 12 },
        { origin: sandbox.url, 'sec-fetch-site': 'same-origin' },
      );
      expect(created.status).to.equal(201);
      expect(
        (await call('DELETE', `/api/products/${created.body.id}`, undefined, { origin: `http://${own}` })).status,
      ).to.equal(204);
      // behind a proxy (Codespaces), the page's origin is the name the proxy was reached by
      const proxied = await call(
        'PATCH',
        '/lab/settings',
        { cacheTtlMs: 0 },
        { origin: 'https://sandbox-3000.example.dev', 'x-forwarded-host': 'sandbox-3000.example.dev' },
      );
      expect(proxied.status).to.equal(200);
      expect((await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 })).status).to.equal(201);
      // reading is not changing: a GET from anywhere is answered (a browser hides it from another site)
      expect(
        (
          await call('GET', '/api/products/1', undefined, {
            origin: 'http://evil.example',
            'sec-fetch-site': 'cross-site',
          })
        ).status,
      ).to.equal(200);
    });

    it("keeps the pages out of other sites' frames (clickjacking)", async () => {
      for (const path of ['/', '/docs', '/graphql']) {
        const response = await fetch(`${sandbox.url}${path}`, { headers: { accept: 'text/html' } });
        expect(response.headers.get('x-frame-options'), path).to.equal('DENY');
        expect(response.headers.get('content-security-policy'), path).to.equal("frame-ancestors 'none'");
      }
    });
  });

  describe('5. a token dies with its user', () => {
    it("after a reset, Eve's old token does not speak for the Victim who got her id", async () => {
      const eve = await signUp('Eve', 'eve@example.com', 'eve-password');
      expect((await call('GET', '/api/auth/me', undefined, eve.token)).body.name).to.equal('Eve');
      expect((await call('POST', '/lab/reset')).status).to.equal(200);
      loginsEnded();
      const victim = await signUp('Victim', 'victim@example.com', 'victim-password');
      expect(victim.id).to.equal(eve.id); // ids come back after a reset
      for (const [method, path] of [
        ['GET', '/api/auth/me'],
        ['GET', `/api/users/${victim.id}`],
        ['PATCH', `/api/users/${victim.id}`],
      ]) {
        const reply = await call(
          method,
          path,
          method === 'PATCH' ? { password: 'eve-owns-this' } : undefined,
          eve.token,
        );
        expect(reply.status, `${method} ${path}`).to.equal(401);
        expect(reply.headers.get('www-authenticate')).to.equal('Bearer realm="api-gateway", error="invalid_token"');
        expect(reply.body.error.message).to.equal(
          `the token's user (user ${eve.id}) has been deleted, replaced or has a new password since it was issued: log in again (POST /api/auth/login)`,
        );
      }
      await login('victim@example.com', 'victim-password'); // untouched
    });

    it("a deleted user's token stops working at once, reads included", async () => {
      const gone = await signUp('Gone', 'gone@example.com', 'gone-password');
      expect((await call('DELETE', `/api/users/${gone.id}`, undefined, gone.token)).status).to.equal(204);
      expect((await call('GET', '/api/products/1', undefined, gone.token)).status).to.equal(401);
      expect((await call('POST', '/graphql', { query: '{ product(id: "1") { name } }' }, gone.token)).status).to.equal(
        401,
      );
    });

    // and a restarted user-service ends every earlier login: section 12 restarts it once for that
    // and for the streams those logins opened (a restart is a third of a CPU-second)
  });

  describe("7. the event streams' cap cannot be worn down", () => {
    const hangUpAtOnce = () =>
      new Promise<void>((resolve) => {
        const req = http.request(`${sandbox.url}/api/events`);
        req.on('error', () => resolve());
        req.end(() => {
          req.destroy();
          resolve();
        });
      });

    async function openStreams(count: number): Promise<{ statuses: number[]; close(): void }> {
      const controllers: AbortController[] = [];
      // each stream's answer is held until close(): an answer whose body nobody holds is collected
      // as garbage, and fetch then closes its connection, which would free its place at the gateway
      const streams: Response[] = [];
      const statuses = await Promise.all(
        Array.from({ length: count }, async () => {
          const controller = new AbortController();
          controllers.push(controller);
          const response = await fetch(`${sandbox.url}/api/events`, { signal: controller.signal });
          if (response.status !== 200) await response.text();
          else streams.push(response);
          return response.status;
        }),
      );
      return { statuses, close: () => (controllers.forEach((c) => c.abort()), streams.splice(0)) };
    }

    it('150 subscribers that hang up at once leave every place free; of 300 at once, exactly 100 get in', async () => {
      await Promise.all(Array.from({ length: 150 }, hangUpAtOnce));
      // each hang-up gives its place back as soon as the gateway notices it: then a full set opens
      let open = await openStreams(0);
      await until(async () => {
        open.close();
        open = await openStreams(100);
        return open.statuses.every((s) => s === 200);
      }, '100 places free after 150 hang-ups');
      report('after 150 hang-ups, 100 of 100 new subscribers got in');
      open.close();
      await until(async () => {
        const one = await openStreams(1);
        one.close();
        return one.statuses[0] === 200;
      }, 'a place to be free again');
      // all at once: counted before any of them waits for the services
      await until(
        async () => {
          open = await openStreams(300);
          const counts = {
            in: open.statuses.filter((s) => s === 200).length,
            refused: open.statuses.filter((s) => s === 429).length,
          };
          open.close();
          if (counts.in + counts.refused !== 300)
            throw new Error(`unexpected statuses: ${JSON.stringify(open.statuses)}`);
          if (counts.in > 100) throw new Error(`${counts.in} of 300 simultaneous subscribers got in; the cap is 100`);
          return counts.in === 100;
        },
        'the places of the last streams to be given back',
        20_000,
      );
    });
  });

  describe('9. guessing a password is slow, whatever RATE_LIMIT says', () => {
    it('five wrong passwords for one email, and it waits a minute (429 with Retry-After), even with the right one', async () => {
      await signUp('Guessed', 'guessed@example.com', 'the-right-password');
      for (let i = 1; i <= 5; i += 1)
        expect(
          (await call('POST', '/api/auth/login', { email: 'guessed@example.com', password: `guess-${i}-x` })).status,
        ).to.equal(401);
      const refused = await call('POST', '/api/auth/login', {
        email: 'Guessed@Example.com',
        password: 'the-right-password',
      });
      expect(refused.status).to.equal(429);
      expect(refused.body.error).to.deep.include({ code: 'RESOURCE_EXHAUSTED' });
      expect(refused.body.error.message).to.match(
        /^too many failed logins for this email: 5 in a minute at most; try again in \d+ s$/,
      );
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
      // another account is not held up
      await login('jane@example.com', 'jane-secret');
    });

    it('a failure injected on purpose (x-fault-fail) is no wrong password, and counts for nothing', async () => {
      await signUp('Faulted', 'faulted@example.com', 'the-right-password');
      for (let i = 1; i <= 6; i += 1) {
        const injected = await call(
          'POST',
          '/api/auth/login',
          { email: 'faulted@example.com', password: `guess-${i}-x` },
          { 'x-fault-fail': 'user=UNAUTHENTICATED' },
        );
        expect(injected.status).to.equal(401);
      }
      await login('faulted@example.com', 'the-right-password');
    });

    it('a hundred guesses sent at once get five tries, not a hundred', async () => {
      await signUp('Raced', 'raced@example.com', 'the-right-password');
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          call('POST', '/api/auth/login', { email: 'raced@example.com', password: `guess-${i}-xx` }),
        ),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).to.have.length(5);
      expect(statuses.filter((s) => s === 429)).to.have.length(95);
    });
  });

  describe('10. each user reads their own records; the admin reads all', () => {
    it('with AUTH=required, John sees himself and his orders only, in REST, GraphQL and the events', async () => {
      await settings({ auth: 'required' });
      const john = await tokenOf('john');
      const jane = await tokenOf('jane');
      const ada = await tokenOf('ada');
      const janes = (await call('POST', '/api/orders', { userId: '2', productId: '2', quantity: 1 }, jane)).body;
      const johns = (await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 1 }, john)).body;

      expect((await call('GET', '/api/users/2', undefined, john)).body.error.message).to.equal(
        'you can read only your own user (1), not user 2',
      );
      expect(
        (await call('GET', '/api/users', undefined, john)).body.users.map((u: { id: string }) => u.id),
      ).to.deep.equal(['1']);
      const listed = (await call('GET', '/api/orders?pageSize=100', undefined, john)).body.orders as Array<{
        userId: string;
        id: string;
      }>;
      expect(listed.map((o) => o.userId))
        .to.include('1')
        .and.not.include('2');
      expect(listed.map((o) => o.id)).to.include(johns.id);
      expect((await call('GET', '/api/orders?userId=2', undefined, john)).body.error.message).to.equal(
        "you are user 1 and can read only your own orders, not user 2's",
      );
      expect((await call('GET', `/api/orders/${janes.id}`, undefined, john)).body.error.message).to.equal(
        `you are user 1 and cannot read order ${janes.id}, which is not yours`,
      );
      expect((await call('GET', `/api/orders/${janes.id}?expand=user`, undefined, john)).status).to.equal(403);
      expect((await call('GET', '/api/users/2/orders', undefined, john)).status).to.equal(403);
      expect((await call('GET', '/api/users/1/orders', undefined, john)).body.user.name).to.equal('John');

      const graph = await call(
        'POST',
        '/graphql',
        {
          query: `{ users { items { id } } orders(pageSize: 100) { items { userId user { name } } } order(id: "${janes.id}") { id } user(id: "2") { email } }`,
        },
        john,
      );
      expect(graph.body.data.users.items).to.deep.equal([{ id: '1' }]);
      expect(new Set(graph.body.data.orders.items.map((o: { userId: string }) => o.userId))).to.deep.equal(
        new Set(['1']),
      );
      expect(graph.body.data.order).to.equal(null);
      expect(graph.body.data.user).to.equal(null);
      expect(graph.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).to.deep.equal([
        'PERMISSION_DENIED',
        'PERMISSION_DENIED',
      ]);
      expect(
        (await call('POST', '/graphql', { query: '{ orders(userId: "2") { items { id } } }' }, john)).body.errors[0]
          .message,
      ).to.equal("you are user 1 and can read only your own orders, not user 2's");

      const events = await call('GET', '/api/events?follow=false', undefined, john);
      const orderEvents = events.text
        .split('\n')
        .filter((line) => line.startsWith('data: ') && line.includes('"order"'))
        .map((line) => JSON.parse(line.slice(6)));
      expect(orderEvents.length).to.be.greaterThan(0);
      expect(orderEvents.every((event) => event.order.userId === '1')).to.equal(true);
      expect((await call('GET', '/api/events?follow=false&userId=2', undefined, john)).status).to.equal(403);

      // the admin reads everyone's
      expect((await call('GET', `/api/orders/${janes.id}`, undefined, ada)).body.userId).to.equal('2');
      expect((await call('GET', '/api/users', undefined, ada)).body.users.length).to.be.greaterThan(2);
      const all = (await call('GET', '/api/events?follow=false', undefined, ada)).text;
      expect(all).to.include('"userId":"2"');
    });
  });

  describe('11. the small ones', () => {
    it('refuses a name with half a character (a lone surrogate) with 400, in REST and GraphQL, instead of storing it changed', async () => {
      const reply = await call('POST', '/api/users', '{"name": "a\\ud800b", "email": "surrogate@example.com"}');
      expect(reply.status).to.equal(400);
      expect(reply.body.error).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'name must be text that UTF-8 can carry: it holds half a character (U+D800, a lone surrogate)',
        field: 'name',
      });
      const product = await call('PATCH', '/api/products/1', '{"description": "\\udc00"}');
      expect(product.body.error.field).to.equal('description');
      // GraphQL's parser refuses it written in the query; sent as a variable, it meets the same rule as REST
      const variables =
        '{"query": "mutation ($name: String!) { createUser(name: $name, email: \\"s2@example.com\\") { id } }", "variables": {"name": "a\\ud800b"}}';
      const graph = await call('POST', '/graphql', variables);
      expect(graph.body.errors[0].extensions).to.deep.include({ code: 'INVALID_ARGUMENT', field: 'name' });
      // a whole character written as its two halves is fine
      const emoji = await call(
        'POST',
        '/api/users',
        '{"name": "Rocket \\ud83d\\ude80", "email": "rocket@example.com"}',
      );
      expect([emoji.status, emoji.body.name]).to.deep.equal([201, 'Rocket 🚀']);
    });

    it('a cached product shows its new stock once an order or a cancel through the gateway changed it', async () => {
      await settings({ saga: 'on', cacheTtlMs: 60_000 });
      const product = (await call('POST', '/api/products', { name: 'Cached stock', price: 5, stock: 10 })).body;
      expect((await call('GET', `/api/products/${product.id}`)).headers.get('x-cache')).to.equal('MISS');
      expect((await call('GET', `/api/products/${product.id}`)).headers.get('x-cache')).to.equal('HIT');
      const order = (await call('POST', '/api/orders', { userId: '1', productId: product.id, quantity: 3 })).body;
      const after = await call('GET', `/api/products/${product.id}`);
      expect([after.headers.get('x-cache'), after.body.stock]).to.deep.equal(['MISS', 7]);
      const graph = await call('POST', '/graphql', { query: `mutation { cancelOrder(id: "${order.id}") { status } }` });
      expect(graph.body.data.cancelOrder.status).to.equal('CANCELLED');
      // product-service gives the stock back when it hears the order's event: soon, not at once
      await until(
        async () => (await call('GET', `/api/products/${product.id}`)).body.stock === 10,
        'the cancelled units back in stock, not a cached 7',
      );
    });
  });

  describe('12. an open stream lasts as long as its token', () => {
    const stale = (id: string) => ({
      code: 'UNAUTHENTICATED',
      message: `the token's user (user ${id}) has been deleted, replaced or has a new password since it was issued: log in again (POST /api/auth/login)`,
    });

    it("after a reset, Eve's stream of her traces ends, rather than show the Victim who gets her id", async () => {
      await settings({ auth: 'required' });
      const reset = async () => {
        expect((await call('POST', '/lab/reset', undefined, await tokenOf('ada'))).status).to.equal(200);
        loginsEnded();
      };
      await reset(); // user ids start again at 4: Eve's will be given again by the next reset
      const eve = await signUp('Eve', 'eve-streams@example.com', 'eve-password');
      const traces = await follow('/traces/stream', eve.token);
      expect(traces.status).to.equal(200);
      expect((await call('GET', `/api/users/${eve.id}`, undefined, eve.token)).status).to.equal(200);
      await until(() => traces.text().includes(`"userId":"${eve.id}"`), "Eve's own trace on her stream");
      try {
        await reset();
        await until(() => traces.ended(), "Eve's stream to end");
        expect(endedWith(traces.text())).to.deep.equal(stale(eve.id));
        // the Victim who gets her id, and what they do, is not hers to see
        const victim = await signUp('Victim', 'victim-streams@example.com', 'victim-password');
        expect(victim.id).to.equal(eve.id);
        await call('GET', `/api/users/${victim.id}`, undefined, {
          ...victim.token,
          'x-request-id': 'security-victims-read',
        });
        expect(traces.text()).to.not.include('security-victims-read');
      } finally {
        traces.close();
      }
    });

    it('a restarted user-service (its users made again, with new keys) ends every earlier login, and the trace and event streams it opened', async () => {
      await settings({ auth: 'required' });
      const john = await tokenOf('john');
      const streams = [await follow('/traces/stream', john), await follow('/api/events', john)];
      expect(streams.map((stream) => stream.status)).to.deep.equal([200, 200]);
      try {
        // as `npm run sandbox -- restart user-service` does it: resolves once it listens again
        await sandbox.supervisor.restart('user-service');
        loginsEnded();
        await until(async () => (await call('GET', '/health')).status === 200, 'user-service to serve again');
        await until(() => streams.every((stream) => stream.ended()), 'both streams to end');
        for (const stream of streams) expect(endedWith(stream.text())).to.deep.equal(stale('1'));
      } finally {
        streams.forEach((stream) => stream.close());
      }
      // the login is refused whatever AUTH says; a new one works
      expect((await call('GET', '/api/auth/me', undefined, john)).status).to.equal(401);
      await settings({ auth: 'off' });
      expect((await call('GET', '/api/auth/me', undefined, john)).status).to.equal(401);
      const again = await login('john@example.com', 'john-secret');
      expect((await call('GET', '/api/auth/me', undefined, again)).body.name).to.equal('John');
    });

    it('a token that expires ends its streams at its expiry, not before', async () => {
      // John's token, signed again to expire in two seconds (TOKEN_TTL_SECONDS=2 would do it for every login)
      const johns = (await tokenOf('john')).authorization.slice('Bearer '.length);
      const claims = JSON.parse(Buffer.from(johns.split('.')[1], 'base64url').toString());
      const expiresAt = Math.floor(Date.now() / 1000) + 2;
      const token = await new SignJWT({ name: claims.name, role: claims.role, session: claims.session })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(claims.iss)
        .setIssuedAt()
        .setExpirationTime(expiresAt)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const streams = [await follow('/traces/stream', bearer(token)), await follow('/api/events', bearer(token))];
      expect(streams.map((stream) => stream.status)).to.deep.equal([200, 200]);
      try {
        await until(() => streams.every((stream) => stream.ended()), 'both streams to end');
        expect(Date.now()).to.be.at.least(expiresAt * 1000);
        for (const stream of streams)
          expect(endedWith(stream.text())).to.deep.equal({
            code: 'UNAUTHENTICATED',
            message: 'the token has expired: log in again (POST /api/auth/login)',
          });
        expect((await follow('/traces/stream', bearer(token))).status).to.equal(401);
      } finally {
        streams.forEach((stream) => stream.close());
      }
    });

    it('a stream opened without a token while AUTH=off ends when AUTH=required is switched on', async () => {
      const streams = [await follow('/traces/stream'), await follow('/api/events')];
      expect(streams.map((stream) => stream.status)).to.deep.equal([200, 200]);
      try {
        await settings({ auth: 'required' });
        await until(() => streams.every((stream) => stream.ended()), 'both streams to end');
        expect((await follow('/api/events?follow=false')).status).to.equal(401);
      } finally {
        streams.forEach((stream) => stream.close());
      }
    });
  });

  describe('13. the login throttle cannot be made to forget', () => {
    it(`as many logins as it counts emails (${EMAILS_COUNTED} here), ending in 503 (x-fault-fail), leave nothing behind: the locked email stays locked`, async () => {
      await signUp('Locked', 'locked@example.com', 'the-right-password');
      for (let i = 1; i <= 5; i += 1)
        expect(
          (await call('POST', '/api/auth/login', { email: 'locked@example.com', password: `guess-${i}-x` })).status,
        ).to.equal(401);
      // as many made-up emails as the gateway counts: an LRU table would have pushed the locked one out
      const started = performance.now();
      const statuses = new Map<number, number>();
      let sent = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (sent < EMAILS_COUNTED) {
            sent += 1;
            const reply = await call(
              'POST',
              '/api/auth/login',
              { email: `filler-${sent}@example.com`, password: 'filler-password' },
              { 'x-fault-fail': 'user=UNAVAILABLE' },
            );
            statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          }
        }),
      );
      report(
        `${EMAILS_COUNTED} filler logins in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(Object.fromEntries(statuses)).to.deep.equal({ 503: EMAILS_COUNTED });
      const refused = await call('POST', '/api/auth/login', {
        email: 'locked@example.com',
        password: 'the-right-password',
      });
      expect(refused.status, JSON.stringify(refused.body)).to.equal(429);
      expect(refused.body.error.message).to.match(
        /^too many failed logins for this email: 5 in a minute at most; try again in \d+ s$/,
      );
      // and the table has room for everyone else
      await login('jane@example.com', 'jane-secret');
    });
  });

  describe('14. introspection is measured too', () => {
    const graphql = (query: string, headers: Record<string, string> = {}) =>
      call('POST', '/graphql', { query }, headers);

    it('refuses 260 aliases of __schema with a short error, and still answers the standard introspection query', async () => {
      // what a tool learns of the schema: every type and its fields, in a fragment; each alias, 7 tokens
      const schema =
        'fragment S on __Schema { types { name kind description fields { name description type { name kind ofType { name kind } } } } }';
      const one = await graphql(`
        {
          __schema {
            ...S
          }
        }
        ${schema}
      `);
      expect(one.body.data.__schema.types.length).to.be.greaterThan(10);
      const attack = `{ ${Array.from({ length: 260 }, (_, i) => `s${i}:__schema{...S}`).join(' ')} } ${schema}`;
      const refused = await graphql(attack, { accept: 'application/graphql-response+json' });
      expect(refused.status).to.equal(400);
      expect(
        refused.body.errors.map(
          (e: { message: string; extensions: { code: string } }) => `${e.extensions.code} ${e.message}`,
        ),
      ).to.deep.equal([
        'QUERY_TOO_LARGE the query asks for __schema 260 times; at most 1 is allowed in one query (it answers the whole schema each time)',
      ]);
      report(
        `260 aliases of __schema (a ${(attack.length / 1000).toFixed(1)} kB query): a ${refused.text.length}-byte refusal, where the answer would have been ${((one.text.length * 260) / 1e6).toFixed(1)} MB`,
      );
      expect(refused.text.length * 10).to.be.below(one.text.length);
      // the tools' own query is answered, whole
      const standard = await graphql(getIntrospectionQuery());
      expect(standard.body.errors).to.equal(undefined);
      expect(standard.body.data.__schema.types.map((type: { name: string }) => type.name)).to.include.members([
        'User',
        'Order',
        'Query',
      ]);
      // aliases inside ask for the schema again: refused too
      const inner = await graphql(
        `{ __schema { ${Array.from({ length: 100 }, (_, i) => `t${i}: types { name fields { name } }`).join(' ')} } }`,
      );
      expect(inner.body.errors[0].message).to.equal(
        'a field inside __schema or __type takes no alias (t0: types): each alias would answer that part of the schema again',
      );
    });
  });

  describe('15. with user-service down, the admin can still start it from the page (AUTH=required)', () => {
    it("takes the admin's token on its signature for the sandbox's controls only, and a user's token is still refused", async () => {
      await settings({ auth: 'required' });
      const ada = await tokenOf('ada');
      const john = await tokenOf('john');
      expect((await call('POST', '/lab/processes/user-service/stop', undefined, ada)).status).to.equal(200);
      try {
        // no token can be checked now: every other route answers 503, the admin's token included
        expect((await call('GET', '/api/products/1', undefined, ada)).status).to.equal(503);
        expect((await call('GET', '/traces', undefined, ada)).status).to.equal(503);
        const anonymous = await call('POST', '/lab/processes/user-service/start');
        expect(anonymous.status).to.equal(401);
        const user = await call('POST', '/lab/processes/user-service/start', undefined, john);
        expect([user.status, user.body.error.message]).to.deep.equal([
          403,
          "only the admin can change the sandbox's settings and processes while AUTH=required; you are logged in as John (user 1)",
        ]);
        expect(
          (await call('GET', '/lab/processes', undefined, ada)).body.processes.find(
            (p: { name: string }) => p.name === 'user-service',
          ).state,
        ).to.equal('stopped');
        const started = await call('POST', '/lab/processes/user-service/start', undefined, ada);
        expect(started.status, JSON.stringify(started.body)).to.equal(200);
      } finally {
        // whatever happened above, the next tests need user-service; started again, it ended every login
        if (!sandbox.supervisor.running.has('user-service')) sandbox.startProcess('user-service');
        loginsEnded();
        await until(async () => (await call('GET', '/health')).status === 200, 'user-service to serve again');
      }
    });
  });

  describe('16. every spelling of /traces meets its guard, and no client holds every stream', () => {
    it('with AUTH=required, /TRACES, /Traces/stream and /traces/ need a token, and show a user only their own', async () => {
      await settings({ auth: 'required' });
      const john = await tokenOf('john');
      await call('GET', '/api/users/2', undefined, {
        ...(await tokenOf('jane')),
        'x-request-id': 'security-janes-spelled',
      });
      for (const path of [
        '/TRACES',
        '/Traces?limit=100',
        '/traces/',
        '/TRACES/stream',
        '/TrAcEs/security-janes-spelled',
      ]) {
        const anonymous = await follow(path); // a stream, if the guard missed it
        anonymous.close();
        expect(anonymous.status, path).to.equal(401);
      }
      expect((await call('GET', '/Traces')).body.error.code).to.equal('UNAUTHENTICATED');
      const johns = (await call('GET', '/TRACES?limit=100', undefined, john)).body.traces as Array<{ userId?: string }>;
      expect(johns.every((trace) => trace.userId === '1')).to.equal(true);
      expect((await call('GET', '/TRACES/security-janes-spelled', undefined, john)).status).to.equal(404);
    });

    it('one user may hold 5 trace streams and 10 event streams; the next gets a clear 429, and another user still gets in', async () => {
      const john = await tokenOf('john');
      const jane = await tokenOf('jane');
      const open: Followed[] = [];
      try {
        for (const [path, most, refusal] of [
          [
            '/traces/stream',
            5,
            '5 trace streams are open already for user 1, as many as one client may have: close another tab of the sandbox page, then reload this one',
          ],
          [
            '/api/events',
            10,
            '10 event streams are open already for user 1, as many as one client may have; close one (a browser tab) and try again',
          ],
        ] as const) {
          for (let i = 0; i < most; i += 1) open.push(await follow(path, john));
          expect(
            open.slice(-most).map((stream) => stream.status),
            path,
          ).to.deep.equal(Array(most).fill(200));
          const refused = await follow(path, john);
          open.push(refused);
          expect(refused.status, path).to.equal(429);
          await until(() => refused.ended(), 'the whole refusal');
          expect(JSON.parse(refused.text()).error).to.deep.equal({ code: 'RESOURCE_EXHAUSTED', message: refusal });
          open.push(await follow(path, jane));
          expect(open.at(-1)?.status, `Jane's ${path}`).to.equal(200);
        }
      } finally {
        open.forEach((stream) => stream.close());
      }
    });

    it('without a token, one other machine may hold 5 trace streams and 10 event streams; this machine, as many as the caps', async function () {
      // another machine: this one's own address on its network, which is not 127.0.0.1
      const address = Object.values(os.networkInterfaces())
        .flat()
        .find((each) => each?.family === 'IPv4' && !each.internal)?.address;
      if (!address) return this.skip();
      const sockets: http.ClientRequest[] = [];
      const openFrom = (localAddress: string | undefined, path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(`${sandbox.url}${path}`, { localAddress, agent: false }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            if (res.statusCode === 200) resolve({ status: 200, body });
            else res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          sockets.push(req);
          req.on('error', reject);
          req.end();
        });
      try {
        for (const [path, most] of [
          ['/traces/stream', 5],
          ['/api/events', 10],
        ] as const) {
          const statuses = [];
          for (let i = 0; i <= most; i += 1) statuses.push((await openFrom(address, path)).status);
          expect(statuses, path).to.deep.equal([...Array(most).fill(200), 429]);
          const refused = await openFrom(address, path);
          expect(JSON.parse(refused.body).error.message, path).to.include(
            `open already for address ${address}, as many as one client may have`,
          );
          expect((await openFrom(undefined, path)).status, `${path} from 127.0.0.1`).to.equal(200);
        }
      } finally {
        sockets.forEach((req) => req.destroy());
      }
    });
  });

  describe('17. a secret in a GraphQL URL stays out of the traces, whatever it is called', () => {
    it('redacts every string of a /graphql query and its variables, and the values of pw, passcode, pin, session, code, sig', async () => {
      // short URLs: a trace keeps a URL's first 200 characters, so a secret past them would not show anyway
      const secret = () => `s3cret-${randomBytes(4).toString('hex')}`;
      const sent: Array<[string, string]> = [];
      const url = (make: (secret: string) => string) => {
        const value = secret();
        sent.push([make(value), value]);
      };
      url((s) => `/graphql?query=${encodeURIComponent(`mutation($p:String="${s}"){createUser(password:$p){id}}`)}`); // a variable's default
      url((s) => `/graphql?query=${encodeURIComponent(`mutation{createUser(password,:"${s}"){id}}`)}`); // GraphQL ignores commas
      url((s) => `/graphql?query=${encodeURIComponent(`mutation{createUser(password:#\n"${s}"){id}}`)}`); // and comments
      url(
        (s) =>
          `/graphql?query=${encodeURIComponent('mutation($p:String){createUser(password:$p){id}}')}&variables=${encodeURIComponent(`{"\\u0070":"${s}"}`)}`,
      ); // "p", escaped
      url((s) => `/GraphQL/?query=${encodeURIComponent(`{user(nickname:"${s}"){name}}`)}`); // any argument, any spelling of the path
      url((s) => `/api/users/1?pw=${s}-a&passcode=${s}-b&pin=${s}-c&session=${s}-d&code=${s}-e&sig=${s}-f`);
      for (const [i, [path, value]] of sent.entries()) {
        const requestId = `security-secret-url-${i}`;
        await call('GET', path, undefined, { 'x-request-id': requestId });
        const trace = await call('GET', `/traces/${requestId}`);
        expect(trace.status, path).to.equal(200);
        expect(trace.text, `the trace of ${path}`).to.not.include(value);
        expect(trace.body.path, path).to.match(/redacted/);
      }
      // the gateway writes its lines in order, asynchronously: once the last request's is here, all are
      await untilLogged(sandbox, 'api-gateway', new RegExp(`security-secret-url-${sent.length - 1} api-gateway `));
      const gateway = sandbox.processes.get('api-gateway')?.output.join('\n') ?? '';
      for (const [path, value] of sent)
        expect(gateway.includes(value), `the gateway's log line of ${path}`).to.equal(false);
    });
  });

  describe("18. a client's x-request-id cannot take another user's trace", () => {
    it("with AUTH=required, John sending Ada's request id gets an id of his own, and reads nothing of hers", async () => {
      await settings({ auth: 'required' });
      const ada = await tokenOf('ada');
      const john = await tokenOf('john');
      expect(
        (await call('GET', '/api/users/3', undefined, { ...ada, 'x-request-id': 'security-adas-trace' })).headers.get(
          'x-request-id',
        ),
      ).to.equal('security-adas-trace');
      const taken = await call('GET', '/api/users/1', undefined, { ...john, 'x-request-id': 'security-adas-trace' });
      const own = taken.headers.get('x-request-id') as string;
      expect(own).to.match(/^[0-9a-f]{8}$/);
      // Ada's trace is still hers; John reads his own under his new id, and not hers
      expect((await call('GET', '/traces/security-adas-trace', undefined, ada)).body).to.deep.include({
        userId: '3',
        path: '/api/users/3',
      });
      expect((await call('GET', '/traces/security-adas-trace', undefined, john)).status).to.equal(404);
      expect((await call('GET', `/traces/${own}`, undefined, john)).body).to.deep.include({
        userId: '1',
        path: '/api/users/1',
      });
      // his own id he may use again: the latest trace is kept
      for (const path of ['/api/users/1', '/api/orders'])
        expect(
          (await call('GET', path, undefined, { ...john, 'x-request-id': 'security-johns-again' })).headers.get(
            'x-request-id',
          ),
        ).to.equal('security-johns-again');
      expect((await call('GET', '/traces/security-johns-again', undefined, john)).body.path).to.equal('/api/orders');
    });

    it("with AUTH=off, a request without a token cannot take a logged-in user's id either, and may reuse one of nobody's", async () => {
      const john = await tokenOf('john');
      await call('GET', '/api/users/1', undefined, { ...john, 'x-request-id': 'security-johns-trace' });
      expect(
        (await call('GET', '/api/users/2', undefined, { 'x-request-id': 'security-johns-trace' })).headers.get(
          'x-request-id',
        ),
      ).to.not.equal('security-johns-trace');
      expect((await call('GET', '/traces/security-johns-trace')).body.userId).to.equal('1');
      for (const path of ['/api/products/1', '/api/products/2'])
        expect(
          (await call('GET', path, undefined, { 'x-request-id': 'security-nobodys' })).headers.get('x-request-id'),
        ).to.equal('security-nobodys');
    });
  });

  describe('19. a refusal names no other user', () => {
    it("says John may not read or cancel Jane's order without saying whose it is, in REST and GraphQL", async () => {
      const john = await tokenOf('john');
      const janes = (
        await call('POST', '/api/orders', { userId: '2', productId: '2', quantity: 1 }, await tokenOf('jane'))
      ).body;
      const read = `you are user 1 and cannot read order ${janes.id}, which is not yours`;
      const cancel = `you are user 1 and cannot cancel order ${janes.id}, which is not yours`;
      expect((await call('GET', `/api/orders/${janes.id}`, undefined, john)).body.error.message).to.equal(read);
      expect((await call('GET', `/api/orders/${janes.id}?expand=user`, undefined, john)).body.error.message).to.equal(
        read,
      );
      expect((await call('POST', `/api/orders/${janes.id}/cancel`, undefined, john)).body.error.message).to.equal(
        cancel,
      );
      expect(
        (await call('POST', '/graphql', { query: `{ order(id: "${janes.id}") { id } }` }, john)).body.errors[0].message,
      ).to.equal(read);
      expect(
        (await call('POST', '/graphql', { query: `mutation { cancelOrder(id: "${janes.id}") { id } }` }, john)).body
          .errors[0].message,
      ).to.equal(cancel);
      expect((await call('GET', `/api/orders/${janes.id}`)).body.status).to.equal('CONFIRMED');
    });
  });
});
