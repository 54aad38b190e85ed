// What students do to the sandbox on purpose: slow a service, stop it, kill it mid-call, send
// garbage, fire hundreds of orders at once, stop a process while it works. Every case must get a
// clear answer, and the sandbox must recover by itself. Real processes, free ports.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract } from '../protos/src';
import type { HealthCheckResponse__Output } from '../protos/generated/grpc/health/v1/HealthCheckResponse';
import { startSandbox, type Sandbox } from './support/harness';
import { everyPage, request } from './support/http';
import { report, until, untilWhole, useSandbox } from './support/sandbox';

const DEADLINE_MS = 2000; // the gateway's default (GATEWAY_DEADLINE_MS)
const ORDER = { userId: '1', productId: '1', quantity: 2 };

describe('resilience', function () {
  this.timeout(60_000);
  // the shared sandbox: a test that stops or kills a process starts it again (restart, below)
  const shared = useSandbox();
  let sandbox: Sandbox;
  before(() => {
    sandbox = shared.sandbox;
  });

  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(sandbox.url, method, path, body, headers);

  /** Resolves once `service` has received the call `method` of request `requestId` (a debug line). */
  const inFlight = (service: string, requestId: string, method: string) =>
    waitForLine(sandbox.processes.get(service)?.output ?? [], `${requestId} ${service} ${method} ← received`, 5000);

  /**
   * Restarts a stopped process and waits until every hop works again: every process's connections
   * have recovered, not just the gateway's (which is all /health shows).
   */
  async function restart(name: string): Promise<void> {
    await sandbox.supervisor.startAndWait(name); // once it listens: no order is sent while it starts
    await untilWhole(sandbox).catch((error: Error) => {
      throw new Error(`${name} did not come back: ${error.message}\n${sandbox.logs()}`);
    });
  }

  describe('deadlines', () => {
    it('a slow product-service → 504 at about the deadline, naming the slow service', async () => {
      const reply = await api('POST', '/api/orders', ORDER, { 'x-fault-delay': 'product=5000' });
      expect(reply.status).to.equal(504);
      expect(reply.body.error).to.deep.equal({
        code: 'DEADLINE_EXCEEDED',
        message: 'product-service did not answer before the deadline',
      });
      expect(reply.ms / DEADLINE_MS).to.be.within(0.8, 1.5);
      report(`504 after ${Math.round(reply.ms)} ms with GATEWAY_DEADLINE_MS=${DEADLINE_MS}`);
    });

    it("a slow order-service itself → 504 from the gateway's own deadline", async () => {
      const reply = await api('POST', '/api/orders', ORDER, { 'x-fault-delay': 'order=5000' });
      expect(reply.status).to.equal(504);
      expect(reply.body.error).to.deep.equal({
        code: 'DEADLINE_EXCEEDED',
        message: 'order-service did not answer before the deadline',
      });
      expect(reply.ms / DEADLINE_MS).to.be.within(0.9, 1.5);
    });

    it('a create that times out stores nothing: the service stops when its caller gives up', async () => {
      const reply = await api(
        'POST',
        '/api/users',
        { name: 'Late', email: 'late@example.com' },
        { 'x-fault-delay': 'user=3000', 'x-request-id': 'late-user' },
      );
      expect(reply.status).to.equal(504);
      // user-service gave up the call well before its 3 s delay was over: it says so, and never creates the user
      const userLog = () => sandbox.processes.get('user-service')?.output.join('\n') ?? '';
      await waitFor(() => /late-user user-service CreateUser .*→ CANCELLED/.test(userLog()), 1000);
      expect(
        await api('POST', '/api/users', { name: 'On time', email: 'late@example.com' }).then((r) => r.status),
        'the email is still free',
      ).to.equal(201);
    });

    it('a delay within the deadline just makes the order slower', async () => {
      const reply = await api('POST', '/api/orders', ORDER, { 'x-fault-delay': 'user=200,product=200' });
      expect(reply.status).to.equal(201);
      expect(reply.ms).to.be.at.least(200);
    });
  });

  describe('fault injection', () => {
    it('x-fault-fail makes the named service fail with that code; the answer says it was asked to', async () => {
      const reply = await api('POST', '/api/orders', ORDER, { 'x-fault-fail': 'user=UNAVAILABLE' });
      expect(reply.status).to.equal(503);
      expect(reply.body.error).to.deep.equal({
        code: 'UNAVAILABLE',
        message: 'user-service failed with UNAVAILABLE because x-fault-fail asked it to',
      });
      expect((await api('GET', '/api/products/1', undefined, { 'x-fault-fail': 'product=NOT_FOUND' })).status).to.equal(
        404,
      );
    });

    it('is bounded: a delay over the limit, an unknown service or code → 400 saying why', async () => {
      const tooLong = await api('GET', '/api/users/1', undefined, { 'x-fault-delay': 'user=60000' });
      expect(tooLong.status).to.equal(400);
      expect(tooLong.body.error.message).to.equal(
        'x-fault-delay user=60000: the delay must be whole milliseconds from 0 to 10000',
      );
      expect((await api('GET', '/api/users/1', undefined, { 'x-fault-delay': 'mail=10' })).status).to.equal(400);
      expect((await api('GET', '/api/users/1', undefined, { 'x-fault-fail': 'user=OOPS' })).status).to.equal(400);
    });
  });

  describe('no leaks, no pollution', () => {
    it('__proto__ and constructor keys are refused and pollute nothing', async () => {
      const proto = await api(
        'POST',
        '/api/users',
        '{"name":"Eve","email":"eve@example.com","__proto__":{"isAdmin":true}}',
      );
      expect(proto.status).to.equal(400);
      expect(proto.body.error.field).to.equal('__proto__');
      const ctor = await api(
        'POST',
        '/api/orders',
        '{"userId":"1","productId":"1","quantity":1,"constructor":{"prototype":{"isAdmin":true}}}',
      );
      expect(ctor.status).to.equal(400);
      // the gateway's objects were not polluted: a plain create still answers exactly the three fields
      const user = await api('POST', '/api/users', { name: 'Eve', email: 'eve@example.com' });
      expect(user.body).to.deep.equal({ id: user.body.id, name: 'Eve', email: 'eve@example.com' });
    });

    it('unicode names round-trip byte for byte (no trimming, no normalising)', async () => {
      const names = ['Zoë', 'Zoe\u0308', '李小龍', 'مريم', '👩🏽‍💻 Ada', '  spaced  '];
      for (const [i, name] of names.entries()) {
        const created = await api('POST', '/api/users', { name, email: `u${i}@example.com` });
        expect(created.status).to.equal(201);
        const fetched = await api('GET', `/api/users/${created.body.id}`);
        expect(Buffer.from(fetched.body.name)).to.deep.equal(Buffer.from(name));
      }
    });

    it('a body over the limit → 413 JSON', async () => {
      const reply = await api('POST', '/api/users', { name: 'x'.repeat(200_000), email: 'big@example.com' });
      expect(reply.status).to.equal(413);
      expect(reply.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
    });
  });

  describe('health', () => {
    it('GET /health → 200 with every service SERVING and its check latency', async () => {
      const reply = await api('GET', '/health');
      expect(reply.status).to.equal(200);
      for (const name of ['user-service', 'product-service', 'order-service']) {
        expect(reply.body.services[name].status).to.equal('SERVING');
        expect(reply.body.services[name].latencyMs).to.be.a('number');
      }
    });

    it('each service listens on 127.0.0.1 unless told otherwise', () => {
      for (const name of ['user-service', 'product-service', 'order-service']) {
        const running = sandbox.processes.get(name);
        expect(running?.output.join('\n')).to.include(`${name} listening on 127.0.0.1:${running?.port}`);
      }
    });
  });

  describe('outages', () => {
    it('a stopped service → 503 quickly; back within a second or two of its restart, nothing else restarted', async () => {
      await sandbox.stopProcess('user-service');
      const down = await api('POST', '/api/orders', ORDER);
      expect(down.status).to.equal(503);
      expect(down.body.error).to.deep.equal({ code: 'UNAVAILABLE', message: 'user-service is unavailable' });
      expect(down.ms).to.be.below(DEADLINE_MS / 2);
      report(`503 for a stopped service after ${Math.round(down.ms)} ms`);

      const restarted = performance.now();
      // once its port takes connections: not its "listening" line, which its first start printed
      // already (a process's output goes on from one start to the next)
      await sandbox.supervisor.startAndWait('user-service');
      const listening = performance.now();
      let reply = await api('POST', '/api/orders', ORDER);
      while (reply.status !== 201 && performance.now() - listening < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        reply = await api('POST', '/api/orders', ORDER);
      }
      const recoveryMs = performance.now() - listening;
      report(
        `orders succeed again ${Math.round(recoveryMs)} ms after user-service listens (${Math.round(listening - restarted)} ms to start it)`,
      );
      expect(reply.status).to.equal(201);
      // well within a second or two, as the callers retry every 250 ms at most (protos/src/client.ts)
      // instead of grpc-js's growing backoff; on a machine so busy that the service itself took
      // longer to start, within three times that
      expect(recoveryMs).to.be.below(Math.max(2500, 3 * (listening - restarted)));
      await untilWhole(sandbox); // the gateway's own calls to user-service too, for the tests after this one
    });

    // product-service dies while order-service waits for it; order-service dies while the gateway waits
    for (const name of ['product-service', 'order-service']) {
      it(`${name} killed in the middle of a call → 503 naming it, not 499 or 500`, async () => {
        const id = `killed-${name}`;
        const pending = api('POST', '/api/orders', ORDER, { 'x-fault-delay': 'product=1000', 'x-request-id': id });
        await inFlight('product-service', id, 'GetProduct');
        await sandbox.stopProcess(name, 'SIGKILL');
        const reply = await pending;
        expect(reply.status).to.equal(503);
        expect(reply.body.error).to.deep.equal({ code: 'UNAVAILABLE', message: `${name} is unavailable` });
        await restart(name);
      });
    }
  });

  describe('shutdown', () => {
    it('SIGTERM to order-service mid-request: health goes NOT_SERVING, the call in flight finishes, new calls are refused, exit 0', async () => {
      const orderService = sandbox.processes.get('order-service');
      const health = new (loadContract().grpc.health.v1.Health)(
        `127.0.0.1:${orderService?.port}`,
        grpc.credentials.createInsecure(),
      );
      const statuses: string[] = [];
      const watch = health.watch({ service: '' });
      watch.on('data', (reply: HealthCheckResponse__Output) => statuses.push(reply.status));
      watch.on('error', () => undefined); // cancelled below
      await waitFor(() => statuses.includes('SERVING'));

      const pending = api('POST', '/api/orders', ORDER, {
        'x-fault-delay': 'product=700',
        'x-request-id': 'order-sigterm',
      });
      await inFlight('product-service', 'order-sigterm', 'GetProduct');
      const signalled = performance.now();
      orderService?.child.kill('SIGTERM');
      await waitFor(() => statuses.includes('NOT_SERVING'));
      watch.cancel(); // a Watch stream is a call in flight too: let shutdown not wait for it
      health.close();
      const refused = await api('POST', '/api/orders', ORDER);
      expect(refused.status).to.equal(503);

      expect((await pending).status).to.equal(201);
      expect(await orderService?.exited).to.equal(0);
      report(
        `order-service exited ${Math.round(performance.now() - signalled)} ms after SIGTERM, with a call of ~700 ms in flight`,
      );
      await restart('order-service');
    });

    it('SIGTERM to the gateway mid-request: the request finishes, then it exits 0', async () => {
      const pending = api('POST', '/api/orders', ORDER, {
        'x-fault-delay': 'product=500',
        'x-request-id': 'gateway-sigterm',
      });
      await inFlight('product-service', 'gateway-sigterm', 'GetProduct');
      const gateway = sandbox.processes.get('api-gateway');
      const signalled = performance.now();
      gateway?.child.kill('SIGTERM');
      expect((await pending).status).to.equal(201);
      expect(await gateway?.exited).to.equal(0);
      report(
        `api-gateway exited ${Math.round(performance.now() - signalled)} ms after SIGTERM, with a request of ~500 ms in flight`,
      );
      await restart('api-gateway');
    });
  });
});

// The two cases below need a sandbox started with other settings than the shared one's. They share
// one, as neither needs the other's setting: the concurrency test sends no x-fault-* header, and the
// fault tests do not depend on deadlines. Starting four processes costs more than both tests together.
describe('a sandbox with long deadlines and fault injection off', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({
      env: { GATEWAY_DEADLINE_MS: '15000', LOOKUP_DEADLINE_MS: '15000', FAULT_INJECTION: 'off' },
    });
  });
  after(async () => {
    await sandbox?.stop();
  });

  // Correctness under concurrency, not speed: deadlines long enough that a busy machine cannot turn
  // it into a test of timing.
  describe('concurrency', () => {
    const api = (method: string, path: string, body?: unknown) => request(sandbox.url, method, path, body);
    // Two hundred at once: every hop (the gateway's HTTP server, its HTTP/2 connection to
    // order-service, order-service's to user- and product-service) has more than 100 calls in flight,
    // as many as an HTTP/2 peer is assumed to take until it says otherwise, and the list of them
    // has more than one page. Two orders that interleave badly are enough to give one id twice; more
    // orders add CPU (about 8 ms each, across the four processes), not cases.
    const ORDERS = 200;

    it(`${ORDERS} concurrent orders → ${ORDERS} × 201, ${ORDERS} distinct ids, every one retrievable`, async () => {
      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: ORDERS }, (_, i) =>
          api('POST', '/api/orders', { userId: '2', productId: '2', quantity: (i % 10) + 1 }),
        ),
      );
      report(`${ORDERS} concurrent orders answered in ${Math.round(performance.now() - started)} ms`);
      expect(replies.map((r) => r.status)).to.deep.equal(Array(ORDERS).fill(201));
      const ids = new Set(replies.map((r) => r.body.id));
      expect(ids.size).to.equal(ORDERS);
      for (const reply of replies) expect(reply.body.totalPrice).to.equal(25 * reply.body.quantity);
      const storedIds = new Set(
        (await everyPage(sandbox.url, '/api/orders?userId=2', 'orders')).map((order: { id: string }) => order.id),
      );
      for (const id of ids) expect(storedIds.has(id), `order ${id} is stored`).to.equal(true);
      const sample = replies.filter((_, i) => i % 20 === 0);
      for (const reply of sample)
        expect((await api('GET', `/api/orders/${reply.body.id}`)).body).to.deep.equal(reply.body);
    });
  });

  describe('fault injection switched off (FAULT_INJECTION=off)', () => {
    it('the gateway refuses x-fault-* headers with 400, saying it is off', async () => {
      const response = await fetch(`${sandbox.url}/api/users/1`, { headers: { 'x-fault-fail': 'user=UNAVAILABLE' } });
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { error: unknown }).error).to.deep.equal({
        code: 'FAILED_PRECONDITION',
        message:
          'fault injection is off here (FAULT_INJECTION=off): send the request without x-fault-delay and x-fault-fail',
      });
    });

    it('the services ignore fault metadata sent to them directly', async () => {
      const port = sandbox.processes.get('user-service')?.port;
      const users = new (loadContract().user.UserService)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      const metadata = new grpc.Metadata();
      metadata.set('x-fault-fail', 'user=INTERNAL');
      const user = await new Promise((resolve, reject) =>
        users.getUser({ id: '1' }, metadata, (error, reply) => (error ? reject(error) : resolve(reply))),
      );
      users.close();
      expect(user).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com' });
    });
  });
});

const waitFor = (condition: () => boolean, timeoutMs = 5000) => until(condition, 'the condition', timeoutMs);

function waitForLine(lines: string[], text: string, timeoutMs: number): Promise<void> {
  return waitFor(() => lines.some((line) => line.includes(text)), timeoutMs);
}
