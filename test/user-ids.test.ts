// A user id is never given to two people while the sandbox runs (launcher/supervisor.js). order-service
// keeps its orders when user-service alone restarts, and the gateway lets a token's user read and
// cancel every order whose userId is theirs: a newcomer who got a reused id would own the orders of
// the user who had it before. Here is that attack, with AUTH=required, after a restart, after a
// crash, and on a replica: each time the newcomer gets an id of their own and is refused, and the
// victim's order stands. Its own sandbox: these tests restart, kill, reset and scale user-service.
import { expect } from 'chai';
import { run } from '../scripts/walkthrough';
import { startSandbox, type Sandbox } from './support/harness';
import { callsTo, type Reply } from './support/http';
import { until } from './support/sandbox';
import { npmScript } from './support/scripts';

interface SignedUp {
  id: string;
  token: Record<string, string>;
}

describe('a user id is never given to two people while the sandbox runs (AUTH=required)', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ env: { AUTH: 'required' } });
  });
  after(() => sandbox?.stop());

  const call = callsTo(() => sandbox.url);
  // `npm run -s sandbox -- <args>` as npm runs it, without npm's own start-up (test/support/scripts.ts)
  async function sandboxCommand(...args: string[]): Promise<void> {
    const result = await run(`${npmScript('sandbox')} ${args.join(' ')}`, sandbox.env, 60_000);
    expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
  }
  async function login(email: string, password: string): Promise<Record<string, string>> {
    const reply = await call('POST', '/api/auth/login', { email, password });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return { authorization: `Bearer ${reply.body.token}` };
  }
  async function signUp(name: string): Promise<SignedUp> {
    const email = `${name.toLowerCase()}.${Date.now()}@example.com`;
    const created = await call('POST', '/api/users', { name, email, password: `${name}-password` });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return { id: created.body.id, token: await login(email, `${name}-password`) };
  }
  async function placeOrder(victim: SignedUp): Promise<string> {
    const order = await call('POST', '/api/orders', { userId: victim.id, productId: '1', quantity: 1 }, victim.token);
    expect(order.status, JSON.stringify(order.body)).to.equal(201);
    return order.body.id;
  }

  /** The newcomer lists, reads and cancels the victim's order: refused or not found each time; the order stands. */
  async function expectRefused(newcomer: SignedUp, victim: SignedUp, orderId: string): Promise<void> {
    const listed = await call('GET', '/api/orders?pageSize=100', undefined, newcomer.token);
    expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
    expect(
      listed.body.orders.map((o: { id: string }) => o.id),
      "the newcomer's list",
    ).to.not.include(orderId);
    const events = await call('GET', '/api/events?follow=false', undefined, newcomer.token);
    expect(events.text, "the newcomer's events").to.not.include(`"userId":"${victim.id}"`);
    const attempts: Array<[string, string]> = [
      ['GET', `/api/orders/${orderId}`],
      ['GET', `/api/orders?userId=${victim.id}`],
      ['GET', `/api/users/${victim.id}/orders`],
      ['POST', `/api/orders/${orderId}/cancel`],
    ];
    for (const [method, path] of attempts) {
      const reply = await call(method, path, undefined, newcomer.token);
      expect(
        [403, 404],
        `${method} ${path} with the token of user ${newcomer.id}: ${JSON.stringify(reply.body)}`,
      ).to.include(reply.status);
    }
    const ada = await login('ada@example.com', 'ada-secret');
    expect((await call('GET', `/api/orders/${orderId}`, undefined, ada)).body).to.include({
      userId: victim.id,
      status: 'CONFIRMED',
    });
  }

  it("npm run sandbox -- restart user-service: the next sign-up gets 1001, not the victim's 4, and cannot read or cancel the victim's order", async () => {
    const victim = await signUp('Victim');
    expect(victim.id).to.equal('4');
    const orderId = await placeOrder(victim);
    await sandboxCommand('restart', 'user-service');
    const newcomer = await signUp('Newcomer');
    await expectRefused(newcomer, victim, orderId);
    expect(newcomer.id).to.equal('1001');
  });

  it('user-service killed (kill -9) and started again (npm run sandbox -- start): the same, from a reset (4, then 1001)', async () => {
    await sandboxCommand('reset');
    const victim = await signUp('Victim');
    expect(victim.id).to.equal('4');
    const orderId = await placeOrder(victim);
    await sandbox.stopProcess('user-service', 'SIGKILL');
    await sandboxCommand('start', 'user-service');
    const newcomer = await signUp('Newcomer');
    await expectRefused(newcomer, victim, orderId);
    expect(newcomer.id).to.equal('1001');
  });

  it('npm run sandbox -- reset empties order-service too, so ids start again at 4 and the new user 4 finds no order', async () => {
    await sandboxCommand('reset');
    const newcomer = await signUp('Newcomer');
    expect(newcomer.id).to.equal('4');
    expect((await call('GET', '/api/orders?pageSize=100', undefined, newcomer.token)).body.orders).to.deep.equal([]);
  });

  it("two replicas: user-service-2 gives its new users ids of its own (1001 after a reset), so its newcomer cannot read or cancel user-service's user 4's order", async () => {
    await sandboxCommand('reset');
    const victim = await signUp('Victim');
    expect(victim.id).to.equal('4');
    const orderId = await placeOrder(victim);
    await sandboxCommand('scale', 'user-service', '2');
    // the first replica stopped, every call goes to user-service-2 (once the gateway has seen it go)
    await sandboxCommand('stop', 'user-service');
    const email = `newcomer.${Date.now()}@example.com`;
    let created: Reply | undefined;
    await until(
      async () =>
        (created = await call('POST', '/api/users', { name: 'Newcomer', email, password: 'Newcomer-password' }))
          .status !== 503,
      'a sign-up that reaches user-service-2',
    );
    expect(created?.status, JSON.stringify(created?.body)).to.equal(201);
    const newcomer = { id: created?.body.id as string, token: await login(email, 'Newcomer-password') };
    await expectRefused(newcomer, victim, orderId);
    expect(newcomer.id).to.equal('1001');
  });
});
