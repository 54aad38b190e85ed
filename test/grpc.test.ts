// npm run grpc (tutorial lesson 6) calls a service directly, over reflection, as grpcurl does. A
// student sees the answer as JSON, or one line with the gRPC status and the service's message.
// These tests run it as the student types it, against the shared sandbox.
import { expect } from 'chai';
import { askSandbox } from '../launcher/control';
import { controlPath } from '../launcher/services';
import { run } from '../scripts/walkthrough';
import { request } from './support/http';
import { useSandbox } from './support/sandbox';

const REFUSED =
  "UNAUTHENTICATED: order-service takes calls only from the gateway (AUTH=required): send the sandbox's secret as the metadata x-gateway-secret";

describe('npm run grpc: a service called directly (lesson 6)', function () {
  this.timeout(60_000);
  const shared = useSandbox();
  const grpcCall = (args: string) => run(`npm run -s grpc -- ${args}`, shared.sandbox.env);
  // AUTH for the three services, switched by the launcher: the page's /lab/settings asks it the same way
  const setAuth = (mode: 'off' | 'required') =>
    askSandbox(controlPath(shared.sandbox.env.GATEWAY_PORT as string), 'POST', `/settings/auth/${mode}`);
  /** The messages of a stream as npm run grpc prints them, one JSON object after another: the events of `order`. */
  const eventsOf = (stdout: string, order: { id: string; createdAt: string }) =>
    stdout
      .split(/\n(?=\{)/)
      .filter((text) => text.trim())
      .map((text) => JSON.parse(text))
      .filter((event) => event.order.id === order.id && event.order.createdAt === order.createdAt)
      .map((event) => `${event.type} ${event.order.status}`);

  describe('a server stream (WatchOrders, lesson 18)', () => {
    let order: { id: string; createdAt: string };
    before(async () => {
      const created = await request(shared.sandbox.url, 'POST', '/api/orders', {
        userId: '1',
        productId: '1',
        quantity: 2,
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      order = created.body;
    });

    it('prints each event as it comes, and ends when the service ends the stream', async () => {
      const watched = await grpcCall(`order-service WatchOrders '{"follow":false}'`);
      expect(watched.status, watched.stderr).to.equal(0);
      expect(eventsOf(watched.stdout, order)).to.deep.equal(['order.created PENDING', 'order.confirmed CONFIRMED']);
    });

    describe('with AUTH=required', () => {
      before(async () => expect((await setAuth('required')).status).to.equal(200));
      after(async () => expect((await setAuth('off')).status).to.equal(200));

      it('says in one line that the service refused, as for a unary call, and exits 1', async () => {
        const [stream, unary] = await Promise.all([
          grpcCall(`order-service WatchOrders '{"follow":false}'`),
          grpcCall(`order-service GetOrder '{"id":"1"}'`),
        ]);
        expect(stream.stderr).to.equal(`${REFUSED}\n`);
        expect(stream.stdout).to.equal('');
        expect(stream.status).to.equal(1);
        expect(unary).to.deep.equal(stream); // the same words, the same exit code
      });

      it('--gateway-secret: the stream is let through', async () => {
        const watched = await grpcCall(`order-service WatchOrders '{"follow":false}' --gateway-secret`);
        expect(watched.status, watched.stderr).to.equal(0);
        expect(eventsOf(watched.stdout, order)).to.deep.equal(['order.created PENDING', 'order.confirmed CONFIRMED']);
      });
    });
  });
});
