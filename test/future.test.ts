// The diagram's "Future" at the gateway (tutorial lessons 11–13): authentication and authorization,
// rate limiting and caching, against the real processes. The shared sandbox starts with all three
// off; each part switches its feature on at run time (PATCH /lab/settings) and off again after.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { SignJWT } from 'jose';
import { CHANNEL_OPTIONS, loadContract, unaryCall } from '../protos/src';
import { GATEWAY_SECRET_KEY } from '../gateway-secret/src';
import { NODE_ARGS } from '../launcher/services';
import { startSandbox } from './support/harness';
import { run } from '../scripts/walkthrough';
import { callsTo } from './support/http';
import { npmScript } from './support/scripts';
import { TEST_JWT_SECRET, until, untilLogged, useSandbox } from './support/sandbox';

const ROOT = `${__dirname}/..`;

describe('the "Future" box: auth, rate limiting, caching at the gateway', function () {
  this.timeout(30_000);
  const shared = useSandbox();
  const call = callsTo(() => shared.sandbox.url);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  async function login(email: string, password: string): Promise<string> {
    const reply = await call('POST', '/api/auth/login', { email, password });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return reply.body.token;
  }
  // with AUTH=required the switches are the admin's: Ada's token goes along (got before any limit is
  // on); John's serves every test that needs a user's token and is not about logging in (a login is
  // a password check, tens of milliseconds of CPU)
  let ada: Record<string, string>;
  let johnsToken: string;
  before(async () => {
    ada = bearer(await login('ada@example.com', 'ada-secret'));
    johnsToken = await login('john@example.com', 'john-secret');
  });
  const settings = (changes: object) => call('PATCH', '/lab/settings', changes, ada);
  // every feature off again, whatever a test did
  afterEach(async () => {
    expect((await settings({ auth: 'off', rateLimit: 'off', cacheTtlMs: 0 })).body).to.deep.equal({
      auth: 'off',
      rateLimit: 'off',
      cacheTtlMs: 0,
      saga: 'off',
    });
  });

  describe('login and tokens (AUTH=off, the default)', () => {
    it('logs John in: a short-lived token that names him and his role, and /api/auth/me says who he is', async () => {
      const reply = await call('POST', '/api/auth/login', { email: 'john@example.com', password: 'john-secret' });
      expect(reply.status).to.equal(200);
      expect(reply.body.expiresIn).to.equal(900);
      expect(reply.body.user).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com', role: 'user' });
      const claims = JSON.parse(Buffer.from(reply.body.token.split('.')[1], 'base64url').toString());
      expect(claims).to.include({ sub: '1', role: 'user', name: 'John' });
      expect(claims.exp - claims.iat).to.equal(900);
      const me = await call('GET', '/api/auth/me', undefined, bearer(reply.body.token));
      expect(me.body).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com', role: 'user' });
    });

    it('answers a wrong password and an unknown email alike: 401 with WWW-Authenticate and no hint', async () => {
      const wrong = await call('POST', '/api/auth/login', { email: 'john@example.com', password: 'jane-secret' });
      const unknown = await call('POST', '/api/auth/login', {
        email: 'nobody-in-the-tests@example.com',
        password: 'john-secret',
      });
      for (const reply of [wrong, unknown]) {
        expect(reply.status).to.equal(401);
        expect(reply.headers.get('www-authenticate')).to.equal('Bearer realm="api-gateway"');
        expect(reply.body).to.deep.equal({ error: { code: 'UNAUTHENTICATED', message: 'wrong email or password' } });
      }
    });

    it('refuses a malformed login with a clear 400, never a 500', async () => {
      expect((await call('POST', '/api/auth/login', '{"email": "john@example.com",')).body.error).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'the request body is not valid JSON',
      });
      expect((await call('POST', '/api/auth/login', { email: 'john@example.com' })).body.error.message).to.equal(
        'password is required',
      );
      expect(
        (await call('POST', '/api/auth/login', { email: 'john@example.com', password: 'x', admin: true })).status,
      ).to.equal(400);
      expect((await call('GET', '/api/auth/login')).status).to.equal(405);
    });

    it('refuses every token that is not a valid one of ours with 401 and WWW-Authenticate, saying nothing of the secret', async () => {
      const token = johnsToken;
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: '3', role: 'admin' })).toString('base64url');
      const unsigned = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const otherKey = await new SignJWT({ name: 'John', role: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setIssuer('grpc-sandbox-gateway')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));
      const expired = await new SignJWT({ name: 'John', role: 'user' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setIssuer('grpc-sandbox-gateway')
        .setIssuedAt(1_700_000_000)
        .setExpirationTime(1_700_000_900)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
      const cases: Array<[string, string, RegExp]> = [
        ['Token ' + token, 'invalid_request', /^send the token as the header Authorization: Bearer <token>$/],
        ['Bearer', 'invalid_request', /Authorization: Bearer <token>/],
        ['Basic am9objpqb2huLXNlY3JldA==', 'invalid_request', /Authorization: Bearer <token>/],
        [`Bearer ${header}.${forged}.${signature}`, 'invalid_token', /^the token is not valid: log in again/],
        [`Bearer ${unsigned}.${forged}.`, 'invalid_token', /^the token is not valid/],
        [`Bearer ${otherKey}`, 'invalid_token', /^the token is not valid/],
        ['Bearer not.a.jwt', 'invalid_token', /^the token is not valid/],
        [`Bearer ${expired}`, 'invalid_token', /^the token has expired: log in again/],
      ];
      for (const [authorization, error, message] of cases) {
        const reply = await call('GET', '/api/users/1', undefined, { authorization });
        expect(reply.status, authorization).to.equal(401);
        expect(reply.headers.get('www-authenticate')).to.equal(`Bearer realm="api-gateway", error="${error}"`);
        expect(reply.body.error.code).to.equal('UNAUTHENTICATED');
        expect(reply.body.error.message).to.match(message);
        expect(JSON.stringify(reply.body)).not.to.include(TEST_JWT_SECRET);
      }
      // with AUTH=off a request without any token is still fine
      expect((await call('GET', '/api/users/1')).status).to.equal(200);
    });

    it('honours a valid token even with AUTH=off: 403 for acting as someone else, and the trace names the user', async () => {
      const john = bearer(johnsToken);
      const forJane = await call('POST', '/api/orders', { userId: '2', productId: '1', quantity: 1 }, john);
      expect(forJane.status).to.equal(403);
      expect(forJane.body.error).to.deep.equal({
        code: 'PERMISSION_DENIED',
        message: 'you are user 1 and cannot order for user 2',
      });
      expect((await call('PATCH', '/api/users/2', { name: 'Not Jane' }, john)).body.error.message).to.equal(
        'you can change only your own user (1), not user 2',
      );
      expect((await call('DELETE', '/api/users/2', undefined, john)).status).to.equal(403);
      expect((await call('PATCH', '/api/products/1', { price: 1 }, john)).body.error.message).to.match(
        /^only an admin can change products/,
      );
      expect((await call('GET', '/api/users/2')).body.name).to.equal('Jane'); // nothing was changed

      const mine = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity: 2 },
        { ...john, 'x-request-id': 'future-johns-order' },
      );
      expect(mine.body.totalPrice).to.equal(2000);
      const trace = await call('GET', '/traces/future-johns-order');
      expect(trace.body.user).to.equal('1 John (user)');
      // the user travels to the services as gRPC metadata
      await untilLogged(
        shared.sandbox,
        'user-service',
        /future-johns-order user-service GetUser ← received for user 1/,
      );
    });

    it('changes a password through PATCH and PUT: the old one stops working, the new one logs in', async () => {
      const created = await call('POST', '/api/users', {
        name: 'Pat',
        email: 'pat-password@example.com',
        password: 'first-password',
      });
      expect(created.status).to.equal(201);
      const pat = bearer(await login('pat-password@example.com', 'first-password'));
      expect(
        (await call('PATCH', `/api/users/${created.body.id}`, { password: 'second-password' }, pat)).status,
      ).to.equal(200);
      expect(
        (await call('POST', '/api/auth/login', { email: 'pat-password@example.com', password: 'first-password' }))
          .status,
      ).to.equal(401);
      // a new password ends the sessions of the old one: whoever knew it is logged out too
      const old = await call('GET', '/api/auth/me', undefined, pat);
      expect([old.status, old.headers.get('www-authenticate')]).to.deep.equal([
        401,
        'Bearer realm="api-gateway", error="invalid_token"',
      ]);
      const again = bearer(await login('pat-password@example.com', 'second-password'));
      const replaced = await call(
        'PUT',
        `/api/users/${created.body.id}`,
        { name: 'Pat', email: 'pat-password@example.com', password: 'third-password' },
        again,
      );
      expect(replaced.body).to.deep.equal({ id: created.body.id, name: 'Pat', email: 'pat-password@example.com' });
      const third = bearer(await login('pat-password@example.com', 'third-password'));
      expect(
        (await call('PATCH', `/api/users/${created.body.id}`, { password: 'short' }, third)).body.error.field,
      ).to.equal('password');
      expect((await call('DELETE', `/api/users/${created.body.id}`, undefined, third)).status).to.equal(204);
    });

    it('lets the admin, Ada, change products and act for others', async () => {
      const created = await call('POST', '/api/products', { name: 'Admin lamp', price: 30 }, ada);
      expect(created.status).to.equal(201);
      expect((await call('PATCH', `/api/products/${created.body.id}`, { price: 35 }, ada)).body.price).to.equal(35);
      expect((await call('DELETE', `/api/products/${created.body.id}`, undefined, ada)).status).to.equal(204);
      expect((await call('GET', '/api/auth/me', undefined, ada)).body.role).to.equal('admin');
    });
  });

  describe('AUTH=required', () => {
    const users = () =>
      new (loadContract().user.UserService)(
        `127.0.0.1:${shared.sandbox.processes.get('user-service')?.port}`,
        grpc.credentials.createInsecure(),
        CHANNEL_OPTIONS,
      );
    const directGetUser = (metadata = new grpc.Metadata()) => {
      const client = users();
      return unaryCall((done) => client.getUser({ id: '1' }, metadata, { deadline: Date.now() + 3000 }, done)).then(
        (user) => (client.close(), ['OK', user]),
        (error: grpc.ServiceError) => (client.close(), [grpc.status[error.code], error.details]),
      );
    };

    it("needs a token for every /api route but login and sign-up, and the diagram's order works with one", async () => {
      expect((await settings({ auth: 'required' })).body.auth).to.equal('required');
      for (const [method, path] of [
        ['GET', '/api/users/1'],
        ['GET', '/api/products'],
        ['POST', '/api/orders'],
        ['GET', '/api/auth/me'],
      ]) {
        const reply = await call(
          method,
          path,
          method === 'POST' ? { userId: '1', productId: '1', quantity: 2 } : undefined,
        );
        expect(reply.status, `${method} ${path}`).to.equal(401);
        expect(reply.headers.get('www-authenticate')).to.equal('Bearer realm="api-gateway"');
        expect(reply.body.error.code).to.equal('UNAUTHENTICATED');
      }
      // sign-up needs a password, so that the new user can log in
      const noPassword = await call('POST', '/api/users', { name: 'Grace', email: 'grace.future@example.com' });
      expect(noPassword.body.error).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'password is required: with AUTH=required a new user needs one to log in with',
      });
      const signedUp = await call('POST', '/api/users', {
        name: 'Grace',
        email: 'grace.future@example.com',
        password: 'grace-secret',
      });
      expect(signedUp.status).to.equal(201);
      expect(signedUp.body).not.to.have.property('password');
      const grace = bearer(await login('grace.future@example.com', 'grace-secret'));
      expect((await call('GET', '/api/auth/me', undefined, grace)).body).to.include({ name: 'Grace', role: 'user' });
      expect((await call('DELETE', `/api/users/${signedUp.body.id}`, undefined, grace)).status).to.equal(204); // her own

      const john = bearer(johnsToken);
      const order = await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 }, john);
      expect(order.status).to.equal(201);
      expect(order.body.totalPrice).to.equal(2000); // order-service's lookups carried the secret too
    });

    it("makes the services refuse a direct call without the sandbox's secret, and take it again once AUTH is off", async () => {
      await settings({ auth: 'required' });
      const refused = await directGetUser();
      expect(refused[0]).to.equal('UNAUTHENTICATED');
      expect(refused[1]).to.match(
        /^user-service takes calls only from the gateway \(AUTH=required\): send the sandbox's secret as the metadata x-gateway-secret$/,
      );
      const withSecret = new grpc.Metadata();
      withSecret.set(GATEWAY_SECRET_KEY, shared.sandbox.env.GATEWAY_SECRET as string);
      expect(await directGetUser(withSecret)).to.deep.equal([
        'OK',
        { id: '1', name: 'John', email: 'john@example.com' },
      ]);
      const wrongSecret = new grpc.Metadata();
      wrongSecret.set(GATEWAY_SECRET_KEY, 'guess');
      expect((await directGetUser(wrongSecret))[0]).to.equal('UNAUTHENTICATED');
      // health checks stay open
      expect((await call('GET', '/health')).status).to.equal(200);
      await settings({ auth: 'off' });
      expect((await directGetUser())[0]).to.equal('OK');
    });

    it('refuses a setting that is not one: 400 naming it, and nothing changes', async () => {
      const reply = await settings({ auth: 'maybe', cacheTtlMs: 1000 });
      expect(reply.status).to.equal(400);
      expect(reply.body.error).to.deep.equal({
        code: 'INVALID_ARGUMENT',
        message: 'AUTH must be off or required, not "maybe"',
        field: 'auth',
      });
      expect((await call('GET', '/lab/settings')).body).to.deep.equal({
        auth: 'off',
        rateLimit: 'off',
        cacheTtlMs: 0,
        saga: 'off',
      });
      expect((await settings({ colour: 'red' })).body.error.message).to.match(/^unknown field "colour"/);
      expect((await settings({ rateLimit: '0/s' })).body.error.message).to.match(
        /^RATE_LIMIT must be off or <requests>\/<s\|min>/,
      );
      expect((await settings({ rateLimit: '10/h' })).status).to.equal(400);
      expect((await settings({ cacheTtlMs: -5 })).body.error.message).to.match(/^CACHE_TTL_MS must be a whole number/);
      expect((await settings({ cacheTtlMs: '5' })).body.error.message).to.equal(
        'cacheTtlMs must be a whole number of milliseconds (0: off)',
      );
    });
  });

  describe('RATE_LIMIT', () => {
    it('lets each client make so many requests, then answers 429 with Retry-After and the RateLimit headers', async () => {
      await settings({ rateLimit: '3/min' });
      const remaining: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const reply = await call('GET', '/api/products/1');
        expect(reply.status).to.equal(200);
        remaining.push(reply.headers.get('ratelimit') ?? '');
      }
      expect(remaining.map((header) => /r=(\d+)/.exec(header)?.[1])).to.deep.equal(['2', '1', '0']);
      const refused = await call('GET', '/api/products/1');
      expect(refused.status).to.equal(429);
      expect(refused.body.error.code).to.equal('RESOURCE_EXHAUSTED');
      expect(refused.body.error.message).to.match(
        /^too many requests: the limit is 3\/min per client \(RATE_LIMIT\); try again in \d+ s$/,
      );
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).to.be.within(1, 60);
      expect(refused.headers.get('ratelimit')).to.match(/^"3-per-min"; r=0; t=\d+$/);
      expect(refused.headers.get('ratelimit-policy')).to.match(/^"3-per-min"; q=3; w=60; pk=:[\w=+/-]+:$/);

      // the health check and the page are not limited; a logged-in user counts on their own
      expect((await call('GET', '/health')).status).to.equal(200);
      expect((await fetch(`${shared.sandbox.url}/`)).status).to.equal(200);
      expect((await fetch(`${shared.sandbox.url}/app.js`)).status).to.equal(200);
    });

    it('counts a logged-in user apart from their address', async () => {
      const jane = bearer(await login('jane@example.com', 'jane-secret'));
      await settings({ rateLimit: '2/min' });
      expect((await call('GET', '/api/users/2')).status).to.equal(200);
      expect((await call('GET', '/api/users/2')).status).to.equal(200);
      expect((await call('GET', '/api/users/2')).status).to.equal(429);
      expect((await call('GET', '/api/users/2', undefined, jane)).status).to.equal(200);
      expect((await call('GET', '/api/users/2', undefined, jane)).status).to.equal(200);
      expect((await call('GET', '/api/users/2', undefined, jane)).status).to.equal(429);
      // switching it off lets everyone through again
      await settings({ rateLimit: 'off' });
      const free = await call('GET', '/api/users/2');
      expect(free.status).to.equal(200);
      expect(free.headers.get('ratelimit')).to.equal(null);
    });
  });

  describe('CACHE_TTL_MS', () => {
    it('answers a second GET from the cache (HIT: no gRPC call), and a change through the gateway removes it', async () => {
      const product = (await call('POST', '/api/products', { name: 'Cached kettle', price: 40 })).body;
      await settings({ cacheTtlMs: 60_000 });
      const first = await call('GET', `/api/products/${product.id}`, undefined, {
        'x-request-id': 'future-cache-miss',
      });
      const second = await call('GET', `/api/products/${product.id}`, undefined, {
        'x-request-id': 'future-cache-hit',
      });
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).to.deep.equal(['MISS', 'HIT']);
      expect(second.body).to.deep.equal(first.body);
      const missTrace = (await call('GET', '/traces/future-cache-miss')).body;
      const hitTrace = (await call('GET', '/traces/future-cache-hit')).body;
      expect(missTrace.cache).to.equal('MISS');
      expect(missTrace.spans.map((s: { kind: string }) => s.kind)).to.include('client');
      expect(hitTrace.cache).to.equal('HIT');
      expect(hitTrace.spans.map((s: { kind: string }) => s.kind)).to.deep.equal(['http']); // no call to product-service

      expect((await call('PATCH', `/api/products/${product.id}`, { price: 45 })).body.price).to.equal(45);
      const afterChange = await call('GET', `/api/products/${product.id}`);
      expect(afterChange.headers.get('x-cache')).to.equal('MISS');
      expect(afterChange.body.price).to.equal(45);
      // a 404 is not kept
      expect((await call('GET', '/api/users/0')).headers.get('x-cache')).to.equal('MISS');
      expect((await call('GET', '/api/users/0')).headers.get('x-cache')).to.equal('MISS');
    });

    it("serves a stale answer after a change behind the gateway's back, until the time is up", async () => {
      const product = (await call('POST', '/api/products', { name: 'Stale toaster', price: 25 })).body;
      await settings({ cacheTtlMs: 1500 });
      expect((await call('GET', `/api/products/${product.id}`)).headers.get('x-cache')).to.equal('MISS');
      // straight to product-service over gRPC: the gateway cannot know
      const products = new (loadContract().product.ProductService)(
        `127.0.0.1:${shared.sandbox.processes.get('product-service')?.port}`,
        grpc.credentials.createInsecure(),
        CHANNEL_OPTIONS,
      );
      await unaryCall((done) =>
        products.updateProduct({ id: product.id, price: 99 }, { deadline: Date.now() + 3000 }, done),
      );
      products.close();
      const stale = await call('GET', `/api/products/${product.id}`);
      expect([stale.headers.get('x-cache'), stale.body.price]).to.deep.equal(['HIT', 25]);
      await until(
        async () => (await call('GET', `/api/products/${product.id}`)).body.price === 99,
        'the cached answer to expire',
        5000,
      );
    });

    it('adds no x-cache header while it is off', async () => {
      expect((await call('GET', '/api/products/1')).headers.get('x-cache')).to.equal(null);
    });
  });

  describe('settings from the environment at start', () => {
    it('AUTH=required RATE_LIMIT=100/min CACHE_TTL_MS=5000 npm start: in force from the start, and the default a restarted service gets', async function () {
      const sandbox = await startSandbox({ env: { AUTH: 'required', RATE_LIMIT: '100/min', CACHE_TTL_MS: '5000' } });
      try {
        const at = callsTo(() => sandbox.url);
        expect((await at('GET', '/lab/settings')).body).to.deep.equal({
          auth: 'required',
          rateLimit: '100/min',
          cacheTtlMs: 5000,
          saga: 'off',
        });
        expect((await at('GET', '/api/products/1')).status).to.equal(401);
        const login = await at('POST', '/api/auth/login', { email: 'john@example.com', password: 'john-secret' });
        const john = { authorization: `Bearer ${login.body.token}` };
        const order = await at('POST', '/api/orders', { userId: '1', productId: '1', quantity: 2 }, john);
        expect([order.status, order.body.totalPrice]).to.deep.equal([201, 2000]);
        const product = await at('GET', '/api/products/1', undefined, john);
        expect(product.headers.get('x-cache')).to.equal('MISS');
        expect(product.headers.get('ratelimit')).to.match(/^"100-per-min"; r=\d+; t=\d+$/);
        // switched off at run time, a restarted service starts with the switch as it is now
        const ada = await at('POST', '/api/auth/login', { email: 'ada@example.com', password: 'ada-secret' });
        expect((await at('PATCH', '/lab/settings', { auth: 'off' }, john)).status).to.equal(403); // the admin's switch
        expect(
          (await at('PATCH', '/lab/settings', { auth: 'off' }, { authorization: `Bearer ${ada.body.token}` })).body
            .auth,
        ).to.equal('off');
        // what `npm run -s sandbox -- restart user-service` runs, without npm's own start-up
        const restarted = await run(`${npmScript('sandbox')} restart user-service`, sandbox.env);
        expect(restarted.status, `${restarted.stdout}${restarted.stderr}`).to.equal(0);
        expect((await at('GET', '/api/users/1')).status).to.equal(200);
        const users = new (loadContract().user.UserService)(
          `127.0.0.1:${sandbox.processes.get('user-service')?.port}`,
          grpc.credentials.createInsecure(),
          CHANNEL_OPTIONS,
        );
        const direct = await unaryCall((done) => users.getUser({ id: '1' }, { deadline: Date.now() + 3000 }, done));
        users.close();
        expect(direct).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com' });
      } finally {
        await sandbox.stop();
      }
    });

    // every wrong value has its own unit test (api-gateway/test/config.test.ts); here, that a process
    // with one stops before it listens: one line on standard error, exit code 1
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ RATE_LIMIT: '0/s' }, /^api-gateway cannot start: RATE_LIMIT must be off or <requests>\/<s\|min>/],
    ];
    it('refuses a setting that cannot work with one line and a non-zero exit, before listening', async () => {
      const everyCase: Array<[string, Record<string, string>, RegExp]> = [
        ...cases.map(([env, expected]): [string, Record<string, string>, RegExp] => ['api-gateway', env, expected]),
        // a service cannot check a secret it was not given
        [
          'user-service',
          { AUTH: 'required', GATEWAY_SECRET: '' },
          /^user-service cannot start: AUTH=required needs GATEWAY_SECRET/,
        ],
      ];
      await Promise.all(
        everyCase.map(async ([name, env, expected]) => {
          const child = spawn(process.execPath, [...NODE_ARGS, `${name}/src/index.ts`], {
            cwd: ROOT,
            env: { ...process.env, GATEWAY_PORT: '0', USER_SERVICE_PORT: '0', ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (chunk) => (stderr += chunk));
          const code = await new Promise((resolve) => child.once('exit', resolve));
          expect(code, JSON.stringify(env)).to.equal(1);
          expect(stderr.trim().split('\n')).to.have.length(1);
          expect(stderr.trim()).to.match(expected);
        }),
      );
    });
  });
});
