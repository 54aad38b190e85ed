// What a class does to a gateway, against the real processes: browser tabs left open or stalled,
// curious students on the same network, odd bytes in headers and names, huge lists, prices with
// floating-point noise, clients that hang up. Each must get a clear answer and hurt nothing.
import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { spawnSync } from 'node:child_process';
import { CHANNEL_OPTIONS, loadContract, unaryCall } from '../protos/src';
import { freePort } from './support/harness';
import { NODE_ARGS, ROOT } from '../launcher/services';
import { everyPage, request } from './support/http';
import { report, until, untilLogged, untilWhole, useSandbox } from './support/sandbox';
import { npmScript } from './support/scripts';

// `npm run -s cli -- …` as npm runs it (package.json's script), without npm's own start-up
const [NODE, ...CLI] = npmScript('cli').split(' ');

const ORDER = { userId: '1', productId: '1', quantity: 2 };

/** One HTTP/1.1 request written byte for byte (fetch refuses tabs and non-ASCII in headers). */
function rawRequest(port: number, head: Buffer | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => {
      const [headers, body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(headers.split(' ')[1]), body });
    });
    socket.on('error', reject);
    socket.write(head);
  });
}

/** Opens GET /traces/stream on a raw socket; `stall` stops reading it, as a frozen tab would. */
function openStream(port: number): Promise<{ socket: net.Socket; received: () => string; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let answered = false;
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (!answered && text.includes('\r\n\r\n')) {
        answered = true;
        resolve({ socket, received: () => text, status: Number(text.split(' ')[1]) });
      }
    });
    socket.on('error', reject);
    socket.write('GET /traces/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
  });
}

function residentMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
}

/**
 * Bytes waiting in the kernel between the gateway and one of our streams (Linux: /proc/net/tcp):
 * what the gateway has written and we have not read, in its socket's send queue and in our receive queue.
 */
function heldBySockets(socket: net.Socket, gatewayPort: number): number {
  const hex = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const [ours, gateway] = [hex(socket.localPort as number), hex(gatewayPort)];
  let held = 0;
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, remote, , queues] = line.trim().split(/\s+/);
    const between =
      (local?.endsWith(ours) && remote?.endsWith(gateway)) || (local?.endsWith(gateway) && remote?.endsWith(ours));
    if (between) held += queues.split(':').reduce((sum, queue) => sum + parseInt(queue, 16), 0);
  }
  return held;
}

/** Makes `count` requests with `send`, `concurrency` at a time. */
async function burst(count: number, concurrency: number, send: () => Promise<unknown>): Promise<void> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < count) {
        sent += 1;
        await send();
      }
    }),
  );
}

describe('a gateway a class cannot take down', function () {
  this.timeout(120_000);
  const shared = useSandbox();
  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(shared.sandbox.url, method, path, body, headers);
  const gatewayPort = () => shared.sandbox.processes.get('api-gateway')?.port as number;
  const gatewayOutput = () => shared.sandbox.processes.get('api-gateway')?.output.join('\n') ?? '';

  describe('trace streams (the page, left open all day)', () => {
    it('ten stalled streams and megabytes of traces: a stalled tab holds a bounded amount, and is told what it missed', async () => {
      // What matters here is how many bytes of traces the stalled sockets take before they take no
      // more (about 4 MB). They come from GraphQL queries that look up 90 products each: one request,
      // 180 spans (the gateway's call and product-service's answer for each product), a trace of
      // about 45 kB. A hundred such queries make them in half the CPU time of the 2,000 orders (2 kB
      // a trace) it would take otherwise.
      const created = await api('POST', '/graphql', {
        query: `mutation { ${Array.from({ length: 90 }, (_, i) => `p${i}: createProduct(name: "Catalogue ${i}", price: 1) { id }`).join(' ')} }`,
      });
      const ids = Object.values(created.body.data as Record<string, { id: string }>).map(({ id }) => id);
      const browse = { query: `{ ${ids.map((id, i) => `p${i}: product(id: "${id}") { name }`).join(' ')} }` };
      const firstLook = await api('POST', '/graphql', browse);
      expect([firstLook.status, firstLook.body.errors, Object.keys(firstLook.body.data)]).to.deep.equal([
        200,
        undefined,
        ids.map((_, i) => `p${i}`),
      ]);

      const streams = await Promise.all(Array.from({ length: 10 }, () => openStream(gatewayPort())));
      for (const { socket } of streams) socket.pause(); // they stop reading, like a frozen tab
      const pid = shared.sandbox.processes.get('api-gateway')?.child.pid as number;
      const before = residentMb(pid);
      // queries five at a time until the sockets of a stalled stream take no more (how much they hold
      // depends on the machine: about 4 MB, ninety queries' traces, here); then the gateway keeps what
      // the stream cannot take, up to its bound, and skips the rest: two more fives
      const [first, ...rest] = streams;
      let [sent, held, fullBatches] = [0, 0, 0];
      while (fullBatches < 2 && sent < 1000) {
        await burst(5, 5, () => api('POST', '/graphql', browse));
        sent += 5;
        const now = heldBySockets(first.socket, gatewayPort());
        fullBatches = now - held < 20_000 ? fullBatches + 1 : 0; // five traces are about 225 kB
        held = now;
      }
      report(
        `gateway resident memory ${before.toFixed(0)} MB → ${residentMb(pid).toFixed(0)} MB with 10 stalled streams and ${sent} queries of 90 products (npm run bench compares it with no streams)`,
      );

      // the tab reads again, and catches up once nothing waits for it: not in our socket, and not in
      // the kernel's buffers either (the gateway's socket empties into them, so it is empty too). Our
      // socket alone is empty between any two chunks: a trace sent then would still find megabytes
      // ahead of it at the gateway, be skipped too, and no notice would come.
      first.socket.resume();
      await until(
        () => first.socket.readableLength === 0 && heldBySockets(first.socket, gatewayPort()) === 0,
        'the stalled tab to read what waited for it',
      );
      await request(shared.sandbox.url, 'GET', '/api/users/1'); // one more trace, now that it keeps up
      await until(() => first.received().includes('event: skipped'), 'the skipped notice');
      const skipped = Number(/event: skipped\ndata: \{"count":(\d+)\}/.exec(first.received())?.[1]);
      const delivered = first.received().split('event: trace\n').length - 1;
      report(
        `a stalled stream was sent ${delivered} traces (${(first.received().length / 1e6).toFixed(1)} MB, what the sockets hold) and skipped ${skipped}`,
      );
      // every trace was either sent or counted as skipped, and what waited in the gateway was bounded
      expect(skipped).to.be.greaterThan(0);
      expect(delivered + skipped).to.be.at.least(sent + 1);
      for (const { socket } of [first, ...rest]) socket.destroy();
      expect(gatewayOutput()).to.not.include('MaxListenersExceededWarning');
    });

    it('caps open streams with a clear 429 beyond the cap (TRACE_STREAMS_MAX)', async () => {
      const open: net.Socket[] = [];
      try {
        let refused: { status: number; body: string } | undefined;
        for (let i = 0; i < 25 && !refused; i++) {
          const stream = await openStream(gatewayPort());
          if (stream.status === 200) open.push(stream.socket);
          else {
            await until(() => stream.received().includes('}'), 'the error body');
            refused = { status: stream.status, body: stream.received().split('\r\n\r\n')[1] };
          }
        }
        expect(open.length).to.be.at.most(20);
        expect(refused?.status).to.equal(429);
        expect(JSON.parse(refused?.body as string).error).to.deep.equal({
          code: 'RESOURCE_EXHAUSTED',
          message:
            '20 trace streams are open already (TRACE_STREAMS_MAX): close another tab of the sandbox page, then reload this one',
        });
      } finally {
        for (const socket of open) socket.destroy();
      }
    });

    it('Ctrl-C with the page open: open streams are ended first, so the gateway exits at once', async () => {
      const stream = await openStream(gatewayPort());
      const gateway = shared.sandbox.processes.get('api-gateway');
      try {
        const signalled = performance.now();
        await shared.sandbox.stopProcess('api-gateway', 'SIGINT');
        const tookMs = performance.now() - signalled;
        report(
          `api-gateway exited ${Math.round(tookMs)} ms after Ctrl-C with a trace stream open (grace period 5000 ms)`,
        );
        expect(await gateway?.exited).to.equal(0);
        expect(tookMs).to.be.below(2500); // before: the whole grace period, 5 s
      } finally {
        // started again whatever happened above: the tests after this one share this sandbox
        stream.socket.destroy();
        await gateway?.exited;
        shared.sandbox.startProcess('api-gateway');
        await untilWhole(shared.sandbox);
      }
    });
  });

  describe('on a shared network', () => {
    it('listens on 127.0.0.1 by default, not on every interface', () => {
      const hexPort = gatewayPort().toString(16).toUpperCase().padStart(4, '0');
      const listening = fs
        .readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .filter((line) => line.trim().split(/\s+/)[3] === '0A') // LISTEN
        .map((line) => line.trim().split(/\s+/)[1]);
      expect(listening).to.include(`0100007F:${hexPort}`);
      expect(listening).to.not.include(`00000000:${hexPort}`);
    });

    it('refuses a request addressed to a name that is not local (DNS rebinding), with the JSON error', async () => {
      const refused = await rawRequest(
        gatewayPort(),
        'DELETE /api/users/1 HTTP/1.1\r\nHost: evil.example:3000\r\nConnection: close\r\n\r\n',
      );
      expect(refused.status).to.equal(403);
      expect(JSON.parse(refused.body).error.message).to.equal(
        'requests addressed to "evil.example" are refused; set ALLOWED_HOSTS=evil.example to allow that name',
      );
      expect((await api('GET', '/api/users/1')).status, 'user 1 is still there').to.equal(200);
      for (const host of ['localhost', `localhost:${gatewayPort()}`, '127.0.0.1', '[::1]:3000', 'sandbox.localhost']) {
        const allowed = await rawRequest(
          gatewayPort(),
          `GET /health/live HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        );
        expect(allowed.status, host).to.equal(200);
      }
    });

    it('every interface only when asked (GATEWAY_HOST=0.0.0.0), with a warning; other names only through ALLOWED_HOSTS', async () => {
      const port = await freePort();
      const gateway = spawn(process.execPath, [...NODE_ARGS, 'api-gateway/src/index.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          GATEWAY_PORT: String(port),
          GATEWAY_HOST: '0.0.0.0',
          ALLOWED_HOSTS: 'classroom.test',
          LOG_FORMAT: 'pretty',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      gateway.stdout?.on('data', (chunk) => (output += chunk));
      try {
        await until(() => output.includes('listening'), 'the gateway to listen');
        expect(output).to.include(
          `WARN: api-gateway listens on every interface (GATEWAY_HOST=0.0.0.0): anyone on this network can reach it, change its data and inject faults`,
        );
        expect(
          (await rawRequest(port, 'GET /health/live HTTP/1.1\r\nHost: classroom.test\r\nConnection: close\r\n\r\n'))
            .status,
        ).to.equal(200);
        expect(
          (await rawRequest(port, 'GET /health/live HTTP/1.1\r\nHost: other.test\r\nConnection: close\r\n\r\n')).status,
        ).to.equal(403);
      } finally {
        gateway.kill('SIGTERM');
      }
    });
  });

  describe('lists that page', () => {
    it('no reply outgrows a gRPC message: 150 large products come 100 at most per page, each page with the token of the next', async () => {
      const description = 'd'.repeat(1000);
      const created: string[] = [];
      for (let i = 0; i < 150; i++)
        created.push((await api('POST', '/api/products', { name: `Bulk ${i}`, description, price: 1 })).body.id);
      const seen: string[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const page = await api(
          'GET',
          `/api/products?pageSize=500${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
        );
        expect(page.status).to.equal(200);
        expect(page.body.products.length).to.be.at.most(100);
        seen.push(...page.body.products.map((p: { id: string }) => p.id));
        pageToken = page.body.nextPageToken;
        pages += 1;
      } while (pageToken);
      expect(pages).to.be.at.least(2);
      for (const id of created) expect(seen).to.include(id);
      expect(new Set(seen).size).to.equal(seen.length); // no product twice

      const cli = spawnSync(NODE, [...CLI, 'products', 'list', '--json'], {
        cwd: ROOT,
        env: { ...process.env, GATEWAY_URL: shared.sandbox.url },
        encoding: 'utf8',
      });
      expect((JSON.parse(cli.stdout) as { products: unknown[] }).products).to.have.length(seen.length);
    });

    it('finds products by name (?query=), and refuses a made-up token, a bad size or an unknown parameter with a 400 naming it', async () => {
      expect(
        (await api('GET', '/api/products?query=LAPTOP')).body.products.map((p: { name: string }) => p.name),
      ).to.deep.equal(['Laptop']);
      const badToken = await api('GET', '/api/products?pageToken=abc');
      expect([badToken.status, badToken.body.error.message]).to.deep.equal([
        400,
        'pageToken must be the nextPageToken of an earlier page, unchanged',
      ]);
      const badSize = await api('GET', '/api/users?pageSize=-1');
      expect([badSize.status, badSize.body.error.field]).to.deep.equal([400, 'pageSize']);
      const typo = await api('GET', '/api/orders?pagesize=10');
      expect(typo.body.error.message).to.equal(
        'unknown query parameter "pagesize"; the query parameters are: pageSize, pageToken, userId',
      );
    });
  });

  describe('inputs that cannot forge anything', () => {
    it('a name with a newline, an escape sequence or NUL is refused, by the gateway and by the service itself', async () => {
      for (const name of ['x\n08:00:00.000 INFO: FAKE admin logged in', 'red \u001b[31mtext', 'nul\u0000']) {
        const reply = await api('POST', '/api/users', { name, email: 'forger@example.com' });
        expect([reply.status, reply.body.error.field]).to.deep.equal([400, 'name']);
      }
      expect(
        (await api('POST', '/api/users', { name: 'Mallory', email: 'a\u001b[2J@example.com' })).body.error.field,
      ).to.equal('email');
      const users = new (loadContract().user.UserService)(
        `127.0.0.1:${shared.sandbox.processes.get('user-service')?.port}`,
        grpc.credentials.createInsecure(),
        CHANNEL_OPTIONS,
      );
      const direct = await unaryCall((done) =>
        users.createUser({ name: 'x\nFAKE', email: 'forger@example.com' }, done),
      ).then(
        () => undefined,
        (error: grpc.ServiceError) => error,
      );
      users.close();
      expect(direct?.code).to.equal(grpc.status.INVALID_ARGUMENT);
    });

    it('an 8,000-character URL is not logged whole', async () => {
      const reply = await api('GET', `/api/users?${'q'.repeat(8000)}=1`, undefined, { 'x-request-id': 'long-url' });
      expect(reply.body.error.message).to.match(/^unknown query parameter/);
      await until(() => gatewayOutput().includes('long-url api-gateway GET'), 'the log line');
      const line = gatewayOutput()
        .split('\n')
        .find((l) => l.includes('long-url api-gateway GET')) as string;
      expect(line.length).to.be.below(2000);
    });

    it('a lab header with a tab or a non-ASCII byte is a 400 naming the header, on any path, never a 500', async () => {
      for (const path of ['/health', '/api/users/1', '/nowhere']) {
        const tab = await rawRequest(
          gatewayPort(),
          `GET ${path} HTTP/1.1\r\nHost: localhost\r\nx-fault-delay: user=1,\tproduct=2\r\nConnection: close\r\n\r\n`,
        );
        expect([tab.status, JSON.parse(tab.body).error.message], path).to.deep.equal([
          400,
          'x-fault-delay may hold only printable ASCII characters (no tabs, no accents), such as user=200,product=300',
        ]);
      }
      const accent = await rawRequest(
        gatewayPort(),
        Buffer.concat([
          Buffer.from('GET /api/users/1 HTTP/1.1\r\nHost: localhost\r\nx-fanout: '),
          Buffer.from([0xe9]),
          Buffer.from('\r\nConnection: close\r\n\r\n'),
        ]),
      );
      expect(accent.status).to.equal(400);
      expect(JSON.parse(accent.body).error.message).to.match(/^x-fanout may hold only printable ASCII/);
      expect(gatewayOutput()).to.not.include('unexpected error');
    });

    it('a price has at most two decimals as sent; the price stored is the price charged', async () => {
      for (const price of [19.990000001, 0.30000000000000004]) {
        const reply = await api('POST', '/api/products', { name: 'Noisy', price });
        expect([reply.status, reply.body.error.field], String(price)).to.deep.equal([400, 'price']);
      }
      const cable = await api('POST', '/api/products', { name: 'Cable', price: 19.99 });
      const order = await api('POST', '/api/orders', { userId: '1', productId: cable.body.id, quantity: 7 });
      expect((await api('GET', `/api/products/${cable.body.id}`)).body.price).to.equal(19.99);
      expect(order.body.totalPrice).to.equal(139.93);
    });
  });

  describe('clients that hang up', () => {
    it('the gateway cancels its call, the service stops waiting, and the trace is kept as 499', async () => {
      const controller = new AbortController();
      const pending = fetch(`${shared.sandbox.url}/api/users/1`, {
        headers: { 'x-fault-delay': 'user=3000', 'x-request-id': 'hung-up-get' },
        signal: controller.signal,
      }).catch(() => 'aborted');
      await untilLogged(shared.sandbox, 'user-service', /hung-up-get user-service GetUser ← received/);
      const abortedAt = performance.now();
      controller.abort();
      expect(await pending).to.equal('aborted');
      const userLog = () => shared.sandbox.processes.get('user-service')?.output.join('\n') ?? '';
      await until(
        () => /hung-up-get user-service GetUser id=1 → CANCELLED/.test(userLog()),
        'user-service to see the cancellation',
        2500,
      );
      report(
        `user-service stopped waiting ${Math.round(performance.now() - abortedAt)} ms after the client hung up (its delay was 3000 ms)`,
      );
      let trace: { status: number; spans: Array<{ kind: string; status: string }> } | undefined;
      await until(async () => {
        const reply = await api('GET', '/traces/hung-up-get');
        trace = reply.status === 200 ? reply.body : undefined;
        return trace !== undefined;
      }, 'the trace');
      expect(trace?.status).to.equal(499);
      expect(trace?.spans.find((s) => s.kind === 'client')?.status).to.equal('CANCELLED');
    });

    it('an order whose client hangs up: order-service cancels its lookups and stores nothing', async () => {
      const before = await countOrders();
      const controller = new AbortController();
      const pending = fetch(`${shared.sandbox.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fault-delay': 'user=3000', 'x-request-id': 'hung-up-order' },
        body: JSON.stringify(ORDER),
        signal: controller.signal,
      }).catch(() => 'aborted');
      await untilLogged(shared.sandbox, 'user-service', /hung-up-order user-service GetUser ← received/);
      controller.abort();
      await pending;
      const userLog = () => shared.sandbox.processes.get('user-service')?.output.join('\n') ?? '';
      await until(
        () => /hung-up-order user-service step 4a GetUser id=1 → CANCELLED/.test(userLog()),
        'the lookup to be cancelled',
        2500,
      );
      expect(await countOrders()).to.equal(before);
    });

    it('a 504 names the service that was slow: order-service itself, not the lookup it had no time left for', async () => {
      const reply = await api('POST', '/api/orders', ORDER, { 'x-fault-delay': 'order=1950' }); // the gateway's deadline is 2000 ms
      expect(reply.status).to.equal(504);
      expect(reply.body.error).to.deep.equal({
        code: 'DEADLINE_EXCEEDED',
        message: 'order-service did not answer before the deadline',
      });
    });

    const countOrders = async () => (await everyPage(shared.sandbox.url, '/api/orders', 'orders')).length;
  });
});
