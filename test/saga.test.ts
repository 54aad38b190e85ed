// Lessons 16–18 against the four real processes: stock, the saga and its compensation, order
// status and cancelling, events over gRPC streams as Server-Sent Events, and the crash in the
// middle. Its own sandbox: the saga on from the start, a short reservation lease (so a crash's
// reservation comes back within the test), and long deadlines (so a busy machine cannot turn a
// test of correctness into one of timing).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as grpc from '@grpc/grpc-js';
import { startSandbox, type Sandbox } from './support/harness';
import { ROOT } from '../launcher/services';
import { callsTo, everyPage } from './support/http';
import { report, until } from './support/sandbox';

const LEASE_MS = 1500;
const EVENTS_KEPT = 50; // a short log, so a stalled subscriber falls out of it within a few hundred orders

interface ServerSentEvent {
  id: string;
  event: string;
  data: {
    sequence: number;
    type: string;
    order?: { id: string; productId: string; status: string };
    productId?: string;
    orderId?: string;
    stock?: number;
  };
}

describe('stock, sagas and events (lessons 16–18)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({
      env: {
        ORDER_SAGA: 'on',
        RESERVATION_TTL_MS: String(LEASE_MS),
        EVENTS_KEPT: String(EVENTS_KEPT),
        GATEWAY_DEADLINE_MS: '15000',
        LOOKUP_DEADLINE_MS: '15000',
      },
    });
  });
  after(() => sandbox?.stop());

  const call = callsTo(() => sandbox.url);
  const stockOf = async (productId: string): Promise<number> =>
    (await call('GET', `/api/products/${productId}`)).body.stock;
  const orderOf = async (productId: string, status: string) =>
    (await everyPage(sandbox.url, '/api/orders?userId=1', 'orders')).find(
      (o: { productId: string; status: string }) => o.productId === productId && o.status === status,
    );
  const newProduct = async (stock: number): Promise<string> =>
    (await call('POST', '/api/products', { name: `Stocked ${stock}`, price: 10, stock })).body.id;

  /** Reads GET /api/events until `enough` says so (or the stream ends); then hangs up. */
  async function events(
    query: string,
    enough: (seen: ServerSentEvent[]) => boolean,
    headers: Record<string, string> = {},
    timeoutMs = 10_000,
    opened: () => void = () => undefined, // the gateway answered: the stream is open
  ): Promise<ServerSentEvent[]> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const seen: ServerSentEvent[] = [];
    try {
      const response = await fetch(`${sandbox.url}/api/events${query}`, { headers, signal: controller.signal });
      expect(response.status).to.equal(200);
      opened();
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      while (!enough(seen)) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => /^(id|event|data): /.test(line))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          if (fields.data) seen.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
        }
      }
      return seen;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  describe('the saga (lesson 16)', () => {
    it("the diagram's order: 201, the diagram's fields, totalPrice 2000, CONFIRMED; 2 Laptops leave the stock; the trace shows reserve, pay, confirm", async () => {
      const before = await stockOf('1');
      const reply = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId: '1', quantity: 2 },
        { 'x-request-id': 'saga-diagram' },
      );
      expect(reply.status).to.equal(201);
      expect(Object.keys(reply.body)).to.deep.equal([
        'id',
        'userId',
        'productId',
        'quantity',
        'totalPrice',
        'userName',
        'productName',
        'createdAt',
        'status',
      ]);
      expect(reply.body).to.include({
        userId: '1',
        productId: '1',
        quantity: 2,
        totalPrice: 2000,
        userName: 'John',
        productName: 'Laptop',
        status: 'CONFIRMED',
      });
      expect(await stockOf('1')).to.equal(before - 2);
      const trace = (await call('GET', '/traces/saga-diagram')).body;
      const made = trace.spans
        .filter((s: { kind: string; service: string }) => s.kind === 'client' && s.service === 'order-service')
        .map((s: { name: string }) => s.name);
      expect(made).to.deep.equal(['GetUser', 'GetProduct', 'ReserveStock', 'Charge', 'CommitStock']);
    });

    it('many orders at once for little stock: exactly as many succeed as there were units, the rest fail cleanly, stock ends at 0', async () => {
      const units = 5;
      const requests = 40;
      const productId = await newProduct(units);
      const replies = await Promise.all(
        Array.from({ length: requests }, () => call('POST', '/api/orders', { userId: '1', productId, quantity: 1 })),
      );
      const succeeded = replies.filter((reply) => reply.status === 201);
      const refused = replies.filter((reply) => reply.status === 409);
      expect(succeeded).to.have.length(units);
      expect(refused).to.have.length(requests - units);
      for (const reply of refused) expect(reply.body.error).to.include({ code: 'ABORTED', reason: 'OUT_OF_STOCK' });
      expect(await stockOf(productId)).to.equal(0);
      for (const reply of succeeded)
        expect((await call('GET', `/api/orders/${reply.body.id}`)).body.status).to.equal('CONFIRMED');
      // the refused ones are stored too, FAILED, with the reason
      const failed = await orderOf(productId, 'FAILED');
      expect(failed.failureReason).to.match(/^not enough stock of product \d+ \(Stocked 5\): 0 left, 1 asked$/);
      report(
        `${requests} concurrent orders for ${units} units: ${succeeded.length} × 201, ${refused.length} × 409, stock ${await stockOf(productId)}`,
      );
    });

    it('a failing payment: the reservation is released (compensation, in the trace), the order ends FAILED, the client gets 503', async () => {
      const productId = await newProduct(3);
      const reply = await call(
        'POST',
        '/api/orders',
        { userId: '1', productId, quantity: 2 },
        { 'x-fault-fail': 'payment=UNAVAILABLE', 'x-request-id': 'saga-compensation' },
      );
      expect(reply.status).to.equal(503);
      expect(reply.body.error.message).to.equal('payment failed with UNAVAILABLE because x-fault-fail asked it to');
      expect(await stockOf(productId)).to.equal(3);
      const trace = (await call('GET', '/traces/saga-compensation')).body;
      const steps = trace.spans.filter(
        (s: { kind: string; service: string }) => s.kind === 'client' && s.service === 'order-service',
      );
      expect(steps.map((s: { name: string; status: string }) => `${s.name} ${s.status}`)).to.deep.equal([
        'GetUser OK',
        'GetProduct OK',
        'ReserveStock OK',
        'Charge UNAVAILABLE',
        'ReleaseStock OK',
      ]);
      const [charge, release] = steps.slice(3);
      report(
        `compensation: ReleaseStock ended ${(release.start + release.durationMs - (charge.start + charge.durationMs)).toFixed(1)} ms after the payment failed (ReleaseStock itself ${release.durationMs.toFixed(1)} ms)`,
      );
      expect(await orderOf(productId, 'FAILED')).to.include({
        failureReason: 'payment failed with UNAVAILABLE because x-fault-fail asked it to',
      });
    });

    it('a declined payment is a 402 with its reason; the stock is given back', async () => {
      const before = await stockOf('1');
      const reply = await call('POST', '/api/orders', { userId: '1', productId: '1', quantity: 11 });
      expect(reply.status).to.equal(402);
      expect(reply.body.error).to.deep.equal({
        code: 'FAILED_PRECONDITION',
        reason: 'PAYMENT_DECLINED',
        message: "the payment of 11000.00 was declined: the mock card's limit is 10000.00",
      });
      expect(await stockOf('1')).to.equal(before);
    });

    it('a client that hangs up mid-saga: order-service stops there and undoes what it did', async () => {
      const productId = await newProduct(4);
      const hungUp = fetch(`${sandbox.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fault-delay': 'payment=3000' },
        body: JSON.stringify({ userId: '1', productId, quantity: 3 }),
        signal: AbortSignal.timeout(500),
      }).catch((error: Error) => error.name);
      await until(async () => (await stockOf(productId)) === 1, 'the reservation');
      expect(await hungUp).to.equal('TimeoutError');
      await until(async () => (await stockOf(productId)) === 4, 'the stock to be given back');
      // order-service marks the order FAILED once product-service's answer to ReleaseStock is back:
      // a moment after the stock shows it (order-service/src/saga/run.ts)
      await until(async () => (await orderOf(productId, 'FAILED')) !== undefined, 'the order to be FAILED');
      expect(await orderOf(productId, 'FAILED')).to.include({
        failureReason: 'the caller gave up before the order was confirmed',
      });
    });

    it('refuses negative, fractional and absurd stock, naming the field', async () => {
      for (const stock of [-1, 1.5, 1_000_001, '10']) {
        const reply = await call('POST', '/api/products', { name: 'Bad stock', price: 1, stock });
        expect(reply.status).to.equal(400);
        expect(reply.body.error).to.deep.equal({
          code: 'INVALID_ARGUMENT',
          message: 'stock must be a whole number from 0 to 1000000',
          field: 'stock',
        });
      }
      expect((await call('PATCH', '/api/products/2', { stock: -5 })).body.error.field).to.equal('stock');
      expect((await call('PATCH', '/api/products/2', { stock: 50 })).body.stock).to.equal(50);
    });
  });

  describe('order status and cancelling (lesson 17)', () => {
    it('cancels a CONFIRMED order; product-service hears it and gives the stock back; twice is harmless', async () => {
      const productId = await newProduct(2);
      const order = (await call('POST', '/api/orders', { userId: '1', productId, quantity: 2 })).body;
      expect(await stockOf(productId)).to.equal(0);
      const cancelled = await call('POST', `/api/orders/${order.id}/cancel`);
      expect(cancelled.status).to.equal(200);
      expect(cancelled.body).to.include({ id: order.id, status: 'CANCELLED' });
      // choreography: order-service only announced it; the stock comes back a moment later
      await until(async () => (await stockOf(productId)) === 2, 'product-service to give the stock back');
      expect((await call('POST', `/api/orders/${order.id}/cancel`)).body.status).to.equal('CANCELLED');
      expect(await stockOf(productId)).to.equal(2);
    });

    it('refuses to cancel a FAILED order (400), an unknown one (404), and a broken id (400)', async () => {
      const productId = await newProduct(0);
      await call('POST', '/api/orders', { userId: '1', productId, quantity: 1 });
      const failed = await orderOf(productId, 'FAILED');
      const wrongState = await call('POST', `/api/orders/${failed.id}/cancel`);
      expect(wrongState.status).to.equal(400);
      expect(wrongState.body.error).to.deep.equal({
        code: 'FAILED_PRECONDITION',
        message: `order ${failed.id} is FAILED: only a CONFIRMED order can be cancelled`,
      });
      expect((await call('POST', '/api/orders/999999/cancel')).status).to.equal(404);
      expect((await call('POST', `/api/orders/${'9'.repeat(65)}/cancel`)).body.error.field).to.equal(undefined);
      expect((await call('GET', '/api/orders/1/cancel')).status).to.equal(405);
    });
  });

  describe('events (lesson 18)', () => {
    it("streams the order's events as they happen, and resumes after the last one seen (Last-Event-ID)", async () => {
      const productId = await newProduct(5);
      let open = () => undefined as void;
      const isOpen = new Promise<void>((resolve) => (open = resolve));
      const seen = events(
        '',
        (got) =>
          got.some((e) => e.event === 'order.confirmed' && e.data.order?.productId === productId) &&
          got.some((e) => e.event === 'stock.committed' && e.data.productId === productId),
        {},
        10_000,
        open,
      );
      await isOpen; // the stream is open: it sends what is kept, then each new event
      const order = (await call('POST', '/api/orders', { userId: '1', productId, quantity: 1 })).body;
      const got = await seen;
      // stock events name the order by its stock key, "<order id>@<order-service run>"
      const mine = got
        .filter((e) => e.data.order?.id === order.id || e.data.orderId?.startsWith(`${order.id}@`))
        .map((e) => e.event);
      expect(mine).to.include.members(['order.created', 'stock.reserved', 'stock.committed', 'order.confirmed']);
      // ids only grow: "orders.stock", each part the service's own sequence. Each event moves one part
      // on by one, once that service's first event is in: what it keeps may begin anywhere (a
      // service keeps only its last EVENTS_KEPT events, and earlier tests made many)
      const positions = got.map((e) => e.id.split('.').map(Number));
      for (let i = 1; i < positions.length; i += 1) {
        const [orders, stock] = positions[i];
        const [ordersBefore, stockBefore] = positions[i - 1];
        const moved = orders !== ordersBefore ? [orders, ordersBefore] : [stock, stockBefore];
        expect(
          orders === ordersBefore || stock === stockBefore,
          `${got[i].id} after ${got[i - 1].id}: one part at a time`,
        ).to.equal(true);
        if (moved[1] !== 0) expect(moved[0], `${got[i].id} after ${got[i - 1].id}`).to.equal(moved[1] + 1);
      }
      // resume: only what came after
      const last = got[got.length - 1].id;
      await call('POST', `/api/orders/${order.id}/cancel`);
      const after = await events('', (more) => more.some((e) => e.event === 'order.cancelled'), {
        'last-event-id': last,
      });
      // order-service's next event is the cancel; product-service's answer to it (stock.released)
      // comes on the other stream, so the merge may put it first
      expect(after.filter((e) => e.event.startsWith('order.'))[0].event).to.equal('order.cancelled');
      const [lastOrders, lastStock] = last.split('.').map(Number);
      for (const e of after) {
        const [orders, stock] = e.id.split('.').map(Number);
        expect(
          orders >= lastOrders && stock >= lastStock && orders + stock > lastOrders + lastStock,
          `${e.id} comes after ${last}`,
        ).to.equal(true);
      }
    });

    it('?follow=false: the events kept, then the end; a sequence from the future or malformed is a clear 400', async () => {
      const kept = await call('GET', '/api/events?follow=false');
      expect(kept.status).to.equal(200);
      expect(kept.text).to.include('event: order.created');
      const future = await call('GET', '/api/events?after=999999.0');
      expect(future.status).to.equal(400);
      expect(future.body.error).to.include({ code: 'OUT_OF_RANGE' });
      expect(future.body.error.message).to.match(
        /^order-service's event 999999 is in the future: its last event is \d+$/,
      );
      for (const after of ['abc', '1', '1.2.3', '-1.0']) {
        const malformed = await call('GET', `/api/events?after=${after}`);
        expect(malformed.status, after).to.equal(400);
        expect(malformed.body.error.field).to.equal('after');
      }
      const header = await call('GET', '/api/events', undefined, { 'last-event-id': 'yesterday' });
      expect(header.status).to.equal(400);
      expect(header.body.error.field).to.equal('Last-Event-ID');
    });

    it('a subscriber that stops reading holds the service to a bound: it is ended once it falls behind what is kept, and the service keeps serving', async () => {
      // Each order is two events (created, confirmed), and each event names the order's user and
      // product: with names of 100 characters, the most there may be, an event is about 300 bytes.
      // gRPC's flow control (64 KB a stream) lets some two hundred of them into a stopped
      // subscriber's socket; then the service writes no more to it, while its log moves on beyond
      // the last 50 it keeps. 200 orders, 400 events, are well beyond both.
      const ORDERS = 200;
      const long = (name: string) => `${name} ${'z'.repeat(100)}`.slice(0, 100);
      const userId = (await call('POST', '/api/users', { name: long('Sleepy'), email: 'sleepy@example.com' })).body.id;
      const productId = (await call('POST', '/api/products', { name: long('Stocked'), price: 10, stock: 1_000_000 }))
        .body.id;
      // a subscriber in its own process, stopped as a sleeping laptop stops: it reads nothing more
      const subscriber = spawn(process.execPath, [
        path.join(ROOT, 'scripts/watch-orders.js'),
        `127.0.0.1:${sandbox.processes.get('order-service')?.port}`,
      ]);
      const lines: string[] = [];
      createInterface({ input: subscriber.stdout }).on('line', (line) => lines.push(line));
      const exited = new Promise((resolve) => subscriber.once('exit', resolve));
      try {
        await until(() => lines.includes('open'), 'the subscriber to be watching');
        subscriber.kill('SIGSTOP');
        for (let batch = 0; batch < ORDERS / 50; batch += 1) {
          const replies = await Promise.all(
            Array.from({ length: 50 }, () => call('POST', '/api/orders', { userId, productId, quantity: 1 })),
          );
          expect(replies.every((reply) => reply.status === 201)).to.equal(true);
        }
        subscriber.kill('SIGCONT');
        await until(() => lines.some((line) => line.startsWith('status ')), 'the subscriber to be ended');
        const received = lines.filter((line) => /^\d+$/.test(line)).map(Number);
        expect(lines[lines.length - 1]).to.match(
          new RegExp(
            `^status ${grpc.status.OUT_OF_RANGE} this watcher fell too far behind; the events after \\d+ are no longer kept \\(only the last ${EVENTS_KEPT}\\)`,
          ),
        );
        // what it did get came in order, without a gap, and it was far from everything
        for (let i = 1; i < received.length; i += 1) expect(received[i]).to.equal(received[i - 1] + 1);
        expect(received.length).to.be.below(2 * ORDERS - EVENTS_KEPT);
        report(
          `a stopped WatchOrders subscriber: ${received.length} of ${2 * ORDERS} events reached it, in order; then OUT_OF_RANGE`,
        );
      } finally {
        subscriber.kill('SIGCONT');
        subscriber.kill();
        await exited;
      }
    });
  });

  describe('a crash in the middle (lesson 16)', () => {
    it("kill -9 of order-service between reserve and confirm: the reservation's lease gives the stock back; after a restart, cancelling still gives stock back", async () => {
      const productId = await newProduct(3);
      const pending = call(
        'POST',
        '/api/orders',
        { userId: '1', productId, quantity: 2 },
        { 'x-fault-delay': 'payment=10000' },
      );
      await until(async () => (await stockOf(productId)) === 1, 'the reservation');
      const killed = performance.now();
      await sandbox.stopProcess('order-service', 'SIGKILL');
      const reply = await pending;
      expect(reply.status).to.equal(503);
      expect(reply.body.error.message).to.equal('order-service is unavailable');
      await until(async () => (await stockOf(productId)) === 3, 'the lease to run out', LEASE_MS * 5);
      report(
        `kill -9 mid-saga: the held stock came back ${Math.round(performance.now() - killed)} ms later (lease ${LEASE_MS} ms)`,
      );

      // a new order-service numbers its events from 1 again: product-service starts over, and hears the cancel
      sandbox.startProcess('order-service');
      await until(async () => (await call('GET', '/health')).status === 200, 'order-service to serve');
      const kept = (await call('GET', '/api/events?follow=false')).text;
      expect(kept).to.match(new RegExp(`"type":"stock.expired","at":"[^"]+","productId":"${productId}"`));
      const order = (await call('POST', '/api/orders', { userId: '1', productId, quantity: 3 })).body;
      expect(order.status, JSON.stringify(order)).to.equal('CONFIRMED');
      await call('POST', `/api/orders/${order.id}/cancel`);
      await until(async () => (await stockOf(productId)) === 3, 'product-service to give the cancelled stock back');
    });
  });
});
