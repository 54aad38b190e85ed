// Stock on its own (lesson 16): idempotent per order, no oversell, and a lease that gives held
// stock back when nobody confirms it.
import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { EventLog } from '@sandbox/events';
import { grpcErrorOf } from '@sandbox/protos/testing';
import type { StockEvent__Output } from '@sandbox/protos/generated/product/StockEvent';
import { productStock } from '../src/stock';
import { Stock } from '../src/stock/stock';
import { ProductStore } from '../src/store';

function stockOf(units: number, leaseMs = 10_000) {
  const store = new ProductStore();
  store.create({ name: 'Webcam', description: '', price: 50, stock: units });
  const events = new EventLog<StockEvent__Output>('product-service');
  return { store, events, stock: new Stock(store, events, leaseMs) };
}

describe('product-service stock', () => {
  it('reserves once per order however often it is asked, and releases once', () => {
    const { store, stock } = stockOf(10);
    expect(stock.reserve('7', '1', 3)).to.deep.equal({
      orderId: '7',
      productId: '1',
      quantity: 3,
      state: 'HELD',
      stockLeft: 7,
    });
    expect(stock.reserve('7', '1', 3).stockLeft).to.equal(7);
    expect(stock.release('7').state).to.equal('RELEASED');
    expect(stock.release('7').stockLeft).to.equal(10);
    expect(store.get('1')?.stock).to.equal(10);
  });

  it('never sells more than there is: 30 orders of 1 for 5 units, 5 reserved, 25 ABORTED, 0 left', async () => {
    const { store, stock } = stockOf(5);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        grpcErrorOf(async () => stock.reserve(String(i + 1), '1', 1)).catch(() => 'reserved'),
      ),
    );
    expect(answers.filter((answer) => answer === 'reserved')).to.have.length(5);
    expect(answers.filter((answer) => Array.isArray(answer) && answer[0] === status.ABORTED)).to.have.length(25);
    expect(store.get('1')?.stock).to.equal(0);
  });

  it('says why a reservation is refused, and takes nothing', async () => {
    const { store, stock } = stockOf(1);
    expect(await grpcErrorOf(() => stock.reserve('1', '1', 2))).to.deep.equal([
      status.ABORTED,
      'not enough stock of product 1 (Webcam): 1 left, 2 asked',
    ]);
    expect(await grpcErrorOf(() => stock.reserve('2', '9', 1))).to.deep.equal([
      status.NOT_FOUND,
      'product 9 not found',
    ]);
    expect(store.get('1')?.stock).to.equal(1);
    stock.reserve('3', '1', 1);
    expect(await grpcErrorOf(() => stock.reserve('3', '1', 2))).to.deep.equal([
      status.ALREADY_EXISTS,
      'order 3 already has a reservation of 1 × product 1',
    ]);
  });

  it('commits a held reservation; releasing a sold one gives it back (a cancelled order)', () => {
    const { store, stock } = stockOf(4);
    stock.reserve('1', '1', 4);
    expect(stock.commit('1').state).to.equal('COMMITTED');
    expect(stock.commit('1').state).to.equal('COMMITTED');
    expect(store.get('1')?.stock).to.equal(0);
    stock.release('1');
    expect(store.get('1')?.stock).to.equal(4);
  });

  it('gives held stock back when its lease runs out, and then refuses to commit it', async () => {
    const { store, stock, events } = stockOf(8, 100);
    stock.reserve('1', '1', 3);
    expect(store.get('1')?.stock).to.equal(5);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(store.get('1')?.stock).to.equal(8);
    expect(events.since(0).map((event) => event.type)).to.deep.equal(['stock.reserved', 'stock.low', 'stock.expired']);
    expect((await grpcErrorOf(() => stock.commit('1')))[0]).to.equal(status.FAILED_PRECONDITION);
  });

  it('forgets its leases at a reset: a lease taken before never runs out after, in the old state nor the new', async () => {
    const seeded = () => {
      const store = new ProductStore();
      store.create({ name: 'Webcam', description: '', price: 50, stock: 8 });
      return { store, chapter: productStock(store, { leaseMs: 100 }) };
    };
    const old = seeded();
    old.chapter.stock.reserve('1', '1', 3);
    old.chapter.stop?.('reset'); // what a reset does to the old state (serveAnew, launcher/src/index.ts)
    // the new state's lease, taken after: once it has run out, the old one would have too
    const fresh = seeded();
    fresh.chapter.stock.reserve('1', '1', 3);
    const expired = () => fresh.chapter.stock.events.since(0).some((event) => event.type === 'stock.expired');
    while (!expired()) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(old.store.get('1')?.stock).to.equal(5);
    expect(old.chapter.stock.events.since(0).map((event) => event.type)).to.deep.equal(['stock.reserved', 'stock.low']);
    expect(fresh.store.get('1')?.stock).to.equal(8);
  });
});

describe('an event log (events/src/index.ts)', () => {
  it('numbers events from 1, keeps the last ones only, and refuses a sequence from the future or forgotten', async () => {
    const log = new EventLog<{ sequence: number; type: string; at: string }>('test-service', 3);
    for (let i = 0; i < 5; i += 1) log.publish({ type: `e${i}` });
    expect(log.since(0).map((event) => event.sequence)).to.deep.equal([3, 4, 5]);
    expect(log.since(3).map((event) => event.sequence)).to.deep.equal([4, 5]);
    expect(log.since(2).map((event) => event.sequence)).to.deep.equal([3, 4, 5]);
    expect(await grpcErrorOf(async () => log.since(6))).to.deep.equal([
      status.OUT_OF_RANGE,
      "test-service's event 6 is in the future: its last event is 5",
    ]);
    expect((await grpcErrorOf(async () => log.since(1)))[1]).to.equal(
      'the events after 1 are no longer kept (only the last 3): watch again from after_sequence 2, or 0 for all that is kept',
    );
  });
});

describe('an event log serving a subscriber that stops reading', () => {
  // a stand-in for grpc-js's stream: takes `room` events, then says "full" until drained
  function stalledWriter(room: number) {
    const listeners = new Map<string, Array<(arg?: unknown) => void>>();
    let taken = 0; // since the last drain
    const writer = {
      request: { afterSequence: 0, follow: true },
      written: [] as number[],
      ended: undefined as { code: number; details: string } | undefined,
      write(event: { sequence: number }) {
        writer.written.push(event.sequence);
        taken += 1;
        return taken < room;
      },
      sendMetadata() {},
      end() {},
      on(name: string, listener: (arg?: unknown) => void) {
        listeners.set(name, [...(listeners.get(name) ?? []), listener]);
        return writer;
      },
      off() {
        return writer;
      },
      emit(name: string, arg?: unknown) {
        if (name === 'error') writer.ended = arg as { code: number; details: string };
        if (name === 'drain') taken = 0;
        for (const listener of listeners.get(name) ?? []) listener(arg);
        return true;
      },
    };
    return writer;
  }

  it('writes no more while the stream is full, whatever is published; catches up when drained, or ends with OUT_OF_RANGE if it fell out of the log', () => {
    const log = new EventLog<{ sequence: number; type: string; at: string }>('test-service', 100);
    const slow = stalledWriter(10);
    const fast = stalledWriter(1_000_000);
    log.serve(slow as never);
    log.serve(fast as never);
    for (let i = 0; i < 50; i += 1) log.publish({ type: 'e' });
    expect(slow.written).to.have.length(10); // held at what the stream took
    slow.emit('drain');
    expect(slow.written).to.have.length(20); // caught up from the log, up to the next "full"
    for (let i = 0; i < 500; i += 1) log.publish({ type: 'e' });
    expect(slow.written).to.have.length(20);
    expect(fast.written).to.have.length(550);
    slow.emit('drain');
    expect(slow.ended?.code).to.equal(status.OUT_OF_RANGE);
    expect(slow.ended?.details).to.equal(
      'this watcher fell too far behind; the events after 20 are no longer kept (only the last 100): watch again from after_sequence 450, or 0 for all that is kept',
    );
    expect(log.watching).to.equal(1);
  });
});
