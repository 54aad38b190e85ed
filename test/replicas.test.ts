// Replicas (tutorial lesson 22): `npm run sandbox -- scale product-service 2` runs a second
// product-service while everything runs; api-gateway and order-service spread their calls over both
// (round robin), the trace says which replica answered, and each replica holds its own data.
import * as grpc from '@grpc/grpc-js';
import net from 'node:net';
import { expect } from 'chai';
import { HealthImplementation } from 'grpc-health-check';
import { askSandbox } from '../launcher/control';
import { movable, moveChannels } from '../launcher/src/replicas';
import { CHANNEL_OPTIONS } from '../protos/src/client';
import { controlPath } from '../launcher/services';
import { run } from '../scripts/walkthrough';
import { request } from './support/http';
import { until, useSandbox } from './support/sandbox';
import { npmScript } from './support/scripts';

/** A log line's message ("r-1 product-service GetProduct ← received"), or the line if it is not JSON. */
function lineMessage(line: string): string {
  try {
    return (JSON.parse(line) as { msg?: string }).msg ?? line;
  } catch {
    return line;
  }
}

interface Span {
  service: string;
  replica?: string;
  kind: string;
  step?: string;
  name: string;
}

describe('replicas of a service (npm run sandbox -- scale, lesson 22)', function () {
  this.timeout(60_000);
  const shared = useSandbox();
  const control = (method: string, path: string) =>
    askSandbox(controlPath(shared.sandbox.env.GATEWAY_PORT as string), method, path);
  const scale = (service: string, count: number | string) => control('POST', `/processes/${service}/scale/${count}`);

  /** Who answered each of `count` calls to product-service the gateway made, from the traces. */
  async function whoAnswered(
    count: number,
    send: (requestId: string) => Promise<unknown>,
    step?: string,
  ): Promise<string[]> {
    const answered: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const requestId = `replicas-${Date.now()}-${i}`;
      await send(requestId);
      const trace = (await request(shared.sandbox.url, 'GET', `/traces/${requestId}`)).body as { spans: Span[] };
      const served = trace.spans.find(
        (s) => s.kind === 'server' && s.service === 'product-service' && (!step || s.step === step),
      );
      expect(served, JSON.stringify(trace.spans)).to.not.equal(undefined);
      answered.push(served?.replica ?? served?.service ?? '');
    }
    return answered;
  }
  const getProduct = (requestId: string) =>
    request(shared.sandbox.url, 'GET', '/api/products/1', undefined, { 'x-request-id': requestId });
  const order = (requestId: string) =>
    request(
      shared.sandbox.url,
      'POST',
      '/api/orders',
      { userId: '1', productId: '1', quantity: 2 },
      { 'x-request-id': requestId },
    );
  const statusNames = async () =>
    ((await control('GET', '/status')).body.processes as Array<{ name: string; state: string }>).map(
      (p) => `${p.name} ${p.state}`,
    );
  const statusOf = async () =>
    (await control('GET', '/status')).body.processes as Array<{
      name: string;
      state: string;
      port?: number;
      pid: number | null;
    }>;
  const productProcesses = async () => (await statusOf()).filter((p) => p.name.startsWith('product-service'));

  after(async () => {
    // the shared sandbox goes on with one product-service, whatever happened above
    if (shared.sandbox) await scale('product-service', 1);
  });

  describe('scaled to two', () => {
    before(async () => {
      const answer = await scale('product-service', 2);
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      expect(answer.body.done).to.match(
        /^product-service runs as 2 replicas: product-service \(port \d+\) and product-service-2 \(port \d+\); api-gateway and order-service spread their calls over them \(round robin\)$/,
      );
    });

    it('lists the replica as a process of the sandbox, with its own port', async () => {
      expect(await statusNames()).to.include.members(['product-service running', 'product-service-2 running']);
      const ports = ((await control('GET', '/status')).body.processes as Array<{ name: string; port: number }>)
        .filter((p) => p.name.startsWith('product-service'))
        .map((p) => p.port);
      expect(new Set(ports).size).to.equal(2);
    });

    it("spreads the gateway's calls over both in turn, and the trace and Server-Timing name the replica that answered", async () => {
      const answered = await whoAnswered(6, getProduct);
      // should they not answer in turn: the order they answered in, and the calls each replica saw
      // last. A call not from this test would take a turn, and so did the health checks of a gateway
      // still connecting when the scale ended (fixed: launcher/src/index.ts, onLauncherMessage)
      const seen = (name: string) =>
        (shared.sandbox.processes.get(name)?.output.slice(-12) ?? []).map((line) => lineMessage(line)).join('\n');
      const inOrder = `answered in this order: ${answered.join(', ')}\n${['product-service', 'product-service-2', 'api-gateway'].map((name) => `--- ${name}'s last lines\n${seen(name)}`).join('\n')}\n`;
      expect(
        answered.filter((name) => name === 'product-service'),
        inOrder,
      ).to.have.length(3);
      expect(
        answered.filter((name) => name === 'product-service-2'),
        inOrder,
      ).to.have.length(3);
      for (let i = 1; i < answered.length; i += 1) expect(answered[i]).to.not.equal(answered[i - 1]); // in turn
      const timings = await Promise.all([getProduct('timing-a'), getProduct('timing-b')]).then((replies) =>
        replies.map((r) => r.headers.get('server-timing') ?? ''),
      );
      expect(timings.join(' ')).to.include('desc="product-service-2 GetProduct"');
    });

    it("spreads order-service's lookups (step 3b) too, and every order still costs 2000", async () => {
      const totals: number[] = [];
      const answered = await whoAnswered(4, async (id) => totals.push((await order(id)).body.totalPrice), '4b');
      expect(totals).to.deep.equal([2000, 2000, 2000, 2000]);
      expect(new Set(answered)).to.deep.equal(new Set(['product-service', 'product-service-2']));
    });

    it("keeps each replica's data in its own memory: a product created on one is missing on the other", async () => {
      const replicaPort = (
        (await control('GET', '/status')).body.processes as Array<{ name: string; port: number }>
      ).find((p) => p.name === 'product-service-2')?.port;
      const created = await run(
        `${npmScript('grpc')} product-service-2 CreateProduct '{"name":"Only on replica two","description":"lesson 22","price":35,"stock":3}'`,
        shared.sandbox.env,
      );
      expect(created.status, created.stderr).to.equal(0);
      const product = JSON.parse(created.stdout);
      expect(product.name).to.equal('Only on replica two');
      // found by its name on one replica, not on the other: two searches, one each
      const searches = await Promise.all(
        [0, 1].map(
          async () =>
            (await request(shared.sandbox.url, 'GET', '/api/products?query=only%20on%20replica')).body.products.length,
        ),
      ).then((counts) => counts.sort());
      expect(searches).to.deep.equal([0, 1]);
      // asked by its id, the other replica has none, or another product with the same id
      const byId = await Promise.all(
        [0, 1].map(() => request(shared.sandbox.url, 'GET', `/api/products/${product.id}`)),
      );
      expect(byId.filter((r) => r.status === 200 && r.body.name === 'Only on replica two')).to.have.length(1);
      expect(replicaPort).to.be.a('number');
    });

    it("says which replica answered in the CLI's trace", async () => {
      await getProduct('cli-a');
      await getProduct('cli-b');
      const traces = await Promise.all(
        ['cli-a', 'cli-b'].map((id) =>
          run(`${npmScript('cli')} trace ${id}`, { ...shared.sandbox.env, GATEWAY_URL: shared.sandbox.url }),
        ),
      );
      const rows = traces.map(
        (t) => t.stdout.split('\n').find((line) => /GetProduct/.test(line) && !/→/.test(line)) ?? '',
      );
      expect(
        rows.some(
          (row) => /^\s*product-service-2\s+GetProduct/.test(row) || /\bproduct-service-2\s+GetProduct/.test(row),
        ),
        rows.join('\n'),
      ).to.equal(true);
    });

    it('goes on answering when a replica is killed with kill -9, and takes it back when it starts again', async () => {
      await shared.sandbox.stopProcess('product-service-2', 'SIGKILL');
      // a call sent before the gateway has seen the connection break fails (503); from then on,
      // round robin leaves the replica out and every call goes to product-service
      const sixInARow = async () =>
        (
          await Promise.all(Array.from({ length: 6 }, () => request(shared.sandbox.url, 'GET', '/api/products/1')))
        ).every((r) => r.status === 200);
      await until(sixInARow, 'six answers in a row without the killed replica', 5000);
      expect(await whoAnswered(4, getProduct)).to.deep.equal([
        'product-service',
        'product-service',
        'product-service',
        'product-service',
      ]);
      const started = await control('POST', '/processes/product-service-2/start');
      expect(started.body.done).to.match(/^product-service-2 started \(pid \d+\) and listens on port \d+$/);
      // listening is not yet connected: the gateway's channel to it reconnects on its own, after
      // which round robin takes it back (on a busy machine, not within the next request or two)
      await until(
        async () => (await whoAnswered(2, getProduct)).includes('product-service-2'),
        'the gateway to send a call to product-service-2 again',
        10_000,
      );
      const answered = await whoAnswered(4, getProduct);
      expect(answered.filter((name) => name === 'product-service-2')).to.have.length(2);
    });

    it('keeps the replicas for a caller that restarts (api-gateway starts with both addresses)', async () => {
      const restarted = await control('POST', '/processes/api-gateway/restart');
      expect(restarted.status, JSON.stringify(restarted.body)).to.equal(200);
      await until(
        async () => (await request(shared.sandbox.url, 'GET', '/health').catch(() => ({ status: 0 }))).status === 200,
        'the gateway to answer again',
      );
      const answered = await whoAnswered(6, getProduct);
      expect(new Set(answered)).to.deep.equal(new Set(['product-service', 'product-service-2']));
    });

    it('reset brings every replica back to the seed data', async () => {
      expect((await control('POST', '/reset')).status).to.equal(200);
      const searches = await Promise.all(
        [0, 1].map(
          async () =>
            (await request(shared.sandbox.url, 'GET', '/api/products?query=only%20on%20replica')).body.products.length,
        ),
      );
      expect(searches).to.deep.equal([0, 0]);
      expect(await statusNames()).to.include('product-service-2 running');
    });
  });

  describe('a scale that fails half-way', () => {
    // just after the tests above, which leave it at two: nothing to start here
    before(async () => {
      expect((await scale('product-service', 2)).status).to.equal(200);
    });

    it('puts back what was there: the same processes on the same ports, and calls spread over them as before', async () => {
      const before = await productProcesses();
      // product-service-3 starts; product-service-4 crashes as it starts
      const started: string[] = [];
      const crashAtStart = (name: string) => {
        started.push(name);
        if (name === 'product-service-4') shared.sandbox.supervisor.running.get(name)?.child.kill('SIGKILL');
      };
      shared.sandbox.supervisor.on('started', crashAtStart);
      const answer = await scale('product-service', 4).finally(() =>
        shared.sandbox.supervisor.off('started', crashAtStart),
      );
      expect(started).to.deep.equal(['product-service-3', 'product-service-4']);
      expect(answer.status).to.equal(400);
      expect(answer.body.error).to.match(/^product-service-4 did not start: it ended before it listened on port \d+$/);
      expect(await productProcesses()).to.deep.equal(before);
      expect(new Set(await whoAnswered(4, getProduct))).to.deep.equal(
        new Set(['product-service', 'product-service-2']),
      );
    });
  });

  describe('scaled back to one', () => {
    it('stops the replica, and every call goes to product-service again', async () => {
      const replica = shared.sandbox.supervisor.running.get('product-service-2')?.child;
      const answer = await scale('product-service', 1);
      expect(answer.body.done).to.match(
        /^product-service runs as one process again, product-service \(port \d+\); api-gateway and order-service call it alone \(what the stopped replicas held is gone\)$/,
      );
      expect(replica?.exitCode ?? replica?.signalCode).to.not.equal(null);
      expect((await statusNames()).filter((name) => name.startsWith('product-service'))).to.deep.equal([
        'product-service running',
      ]);
      expect(await whoAnswered(4, getProduct)).to.deep.equal([
        'product-service',
        'product-service',
        'product-service',
        'product-service',
      ]);
    });

    it('answers a process name that no longer exists with what does', async () => {
      const answer = await control('POST', '/processes/product-service-2/start');
      expect(answer.status).to.equal(400);
      expect(answer.body.error).to.match(
        /^unknown service "product-service-2": the processes are user-service, product-service, order-service, api-gateway$/,
      );
    });
  });

  describe('what cannot be scaled, said clearly', () => {
    it('refuses order-service, and says why', async () => {
      const answer = await scale('order-service', 2);
      expect(answer.status).to.equal(400);
      expect(answer.body.error).to.equal(
        'order-service cannot be scaled here (product-service follows its events, a stream that would reach one replica only): user-service and product-service can (npm run sandbox -- scale product-service 2)',
      );
    });

    it('refuses a count that is not 1 to 4, or not a number', async () => {
      expect((await scale('product-service', 9)).body.error).to.equal('a service runs as 1 to 4 processes here; not 9');
      expect((await scale('product-service', 0)).body.error).to.equal('a service runs as 1 to 4 processes here; not 0');
      expect((await scale('product-service', 'two')).body.error).to.equal(
        'how many processes: a number from 1 to 4; not "two"',
      );
      expect((await scale('api-gateway', 2)).status).to.equal(400);
    });

    it("answers the page's button through the gateway as JSON, errors included", async () => {
      const refused = await request(shared.sandbox.url, 'POST', '/lab/processes/order-service/scale/2');
      expect(refused.status).to.equal(400);
      expect(refused.body.error.message).to.match(/^order-service cannot be scaled here/);
      const scaled = await request(shared.sandbox.url, 'POST', '/lab/processes/user-service/scale/2');
      expect(scaled.status).to.equal(200);
      expect(scaled.body.processes.map((p: { name: string }) => p.name)).to.deep.equal([
        'user-service',
        'user-service-2',
      ]);
      const logins = await Promise.all(
        [0, 1].map(() =>
          request(shared.sandbox.url, 'POST', '/api/auth/login', {
            email: 'john@example.com',
            password: 'john-secret',
          }),
        ),
      );
      const back = await request(shared.sandbox.url, 'POST', '/lab/processes/user-service/scale/1');
      expect(back.status).to.equal(200);
      expect(logins.map((r) => r.status)).to.deep.equal([200, 200]); // each replica seeded John
    });

    it('npm run sandbox -- scale says what to type when the count is missing', async () => {
      const result = await run(`${npmScript('sandbox')} scale product-service`, shared.sandbox.env);
      expect(result.status).to.equal(1);
      expect(result.stderr).to.include(
        'which service, and how many processes? npm run sandbox -- scale product-service 2',
      );
    });
  });

  describe('scale commands sent at once (several terminals, or the page and a terminal)', () => {
    it('carries them out one at a time: each says what it did, the last one stays, and every call is answered', async () => {
      const counts = [2, 4, 1, 3, 2]; // 2 → 4 and 1 → 3 start two replicas each, one after the other
      const carriedOut: number[] = []; // the counts in the order their answers came back
      const sending = Promise.all(
        counts.map(async (count) => {
          const answer = await scale('product-service', count);
          carriedOut.push(count);
          return answer;
        }),
      );
      // npm run sandbox -- status in another terminal meanwhile: every process it lists has a port
      const withoutPort = new Set<string>();
      let done = false;
      const watching = (async () => {
        while (!done) {
          for (const p of await statusOf()) if (typeof p.port !== 'number') withoutPort.add(p.name);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      const answers = await sending.finally(() => (done = true));
      await watching;
      expect([...withoutPort], 'processes /status listed without a port').to.deep.equal([]);
      answers.forEach((answer, i) => {
        expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
        expect(answer.body.processes, answer.body.done).to.have.length(counts[i]);
        expect(answer.body.done).to.not.include('undefined');
      });
      const last = carriedOut[carriedOut.length - 1];
      const expected = ['product-service', 'product-service-2', 'product-service-3', 'product-service-4']
        .slice(0, last)
        .map((name) => `${name} running`);
      expect((await statusNames()).filter((name) => name.startsWith('product-service'))).to.deep.equal(expected);
      for (const p of await statusOf()) expect(p.port, `${p.name}'s port`).to.be.a('number');
      expect(new Set(await whoAnswered(2 * last, getProduct)).size).to.equal(last); // each replica answers its turn

      expect((await scale('product-service', 1)).status).to.equal(200);
      const products = await Promise.all(
        Array.from({ length: 4 }, () => request(shared.sandbox.url, 'GET', '/api/products/1')),
      );
      expect(products.map((r) => r.status)).to.deep.equal([200, 200, 200, 200]);
    });
  });
});

describe('moving a channel to replicas (launcher/src/replicas.ts)', () => {
  const servers: grpc.Server[] = [];
  let client: grpc.Client;
  let live: number[];
  let unused: number;
  let silent: net.Server;

  before(async () => {
    live = await Promise.all(
      [0, 1].map(async () => {
        const server = new grpc.Server();
        new HealthImplementation({ '': 'SERVING' }).addToServer(server);
        servers.push(server);
        return new Promise<number>((resolve, reject) =>
          server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
            error ? reject(error) : resolve(port),
          ),
        );
      }),
    );
    // a replica still starting: its port takes connections, its gRPC server does not answer yet
    silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    unused = (silent.address() as net.AddressInfo).port;
    client = new grpc.Client(`127.0.0.1:${live[0]}`, grpc.credentials.createInsecure(), {
      ...CHANNEL_OPTIONS,
      ...movable('moving-test'),
    });
  });
  /** Who answered each of `count` health checks sent one after another through the moved channel. */
  async function peersOf(count: number): Promise<string[]> {
    const peers: string[] = [];
    for (let i = 0; i < count; i += 1) {
      peers.push(
        await new Promise<string>((resolve, reject) => {
          const call = client.makeUnaryRequest(
            '/grpc.health.v1.Health/Check',
            () => Buffer.alloc(0),
            (bytes: Buffer) => bytes,
            {},
            { deadline: Date.now() + 2000 },
            (error) => (error ? reject(error) : resolve(call.getPeer())),
          );
        }),
      );
    }
    return peers;
  }
  after(() => {
    client.close();
    for (const server of servers) server.forceShutdown();
    silent.close();
  });

  it('resolves once every address has answered, and the calls go to each in turn', async () => {
    const warnings: string[] = [];
    await moveChannels('moving-test', `ipv4:127.0.0.1:${live[0]},127.0.0.1:${live[1]}`, (w) => warnings.push(w), 2000);
    expect(warnings).to.deep.equal([]);
    const peers = await peersOf(4);
    expect(new Set(peers)).to.deep.equal(new Set(live.map((port) => `127.0.0.1:${port}`)));
    for (let i = 1; i < peers.length; i += 1) expect(peers[i]).to.not.equal(peers[i - 1]);
  });

  it('names an address that has not answered in time: its share of the calls goes to the others', async () => {
    const warnings: string[] = [];
    const target = `ipv4:127.0.0.1:${live[0]},127.0.0.1:${unused}`;
    await moveChannels('moving-test', target, (w) => warnings.push(w), 300);
    expect(warnings).to.deep.equal([
      `moving-test at 127.0.0.1:${unused} had not answered 0.3 s after its callers moved to ${target}: the calls go to the others until it does`,
    ]);
    // every call is answered, by the one that is there
    const peers = await peersOf(3);
    expect(peers).to.deep.equal([0, 1, 2].map(() => `127.0.0.1:${live[0]}`));
  });
});
