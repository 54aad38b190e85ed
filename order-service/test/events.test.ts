// What order-service tells its followers (lesson 18), whichever way the order was made.
import { expect } from 'chai';
import { orderEvents } from '../src/events';
import { createHandlers } from '../src/handlers';
import { createSagaHandlers } from '../src/saga';
import { OrderStore } from '../src/store';
import { callWith, stubLookups, stubStock } from './stubs';

const call = callWith();
const order = { userId: '1', productId: '1', quantity: 2 };

describe("order-service's events (lesson 18)", () => {
  it("the diagram's order (ORDER_SAGA off), CONFIRMED at once: order.created (PENDING), then order.confirmed, each naming the stock key", async () => {
    const store = new OrderStore();
    const { log } = orderEvents(store);
    await createHandlers(store, stubLookups()).createOrder(order, call);
    expect(
      log.since(0).map((event) => [event.sequence, event.type, event.order?.status, event.stockKey]),
    ).to.deep.equal([
      [1, 'order.created', 'PENDING', store.keyOf('1')],
      [2, 'order.confirmed', 'CONFIRMED', store.keyOf('1')],
    ]);
  });

  it("the saga's order: the same two events; its steps in between (PRODUCT_RESERVED, PAID) are not published", async () => {
    const store = new OrderStore();
    const { log } = orderEvents(store);
    await createSagaHandlers(store, stubLookups(), stubStock(), {}).createOrder(order, call);
    expect(log.since(0).map((event) => `${event.type} ${event.order?.status}`)).to.deep.equal([
      'order.created PENDING',
      'order.confirmed CONFIRMED',
    ]);
  });

  it('keeps only EVENTS_KEPT events', async () => {
    const store = new OrderStore();
    const { log } = orderEvents(store, 3);
    const handlers = createHandlers(store, stubLookups());
    for (let i = 0; i < 3; i += 1) await handlers.createOrder(order, call);
    expect(log.since(0).map((event) => event.sequence)).to.deep.equal([4, 5, 6]);
  });
});
