// The behaviour of product.proto's ProductService that the .proto file cannot say: codes, messages,
// rules, seed data, and the stock a saga relies on (lesson 16): a reservation is idempotent per
// order, never oversells, and every change is an event on WatchStock (lesson 18).
//
// It creates, changes and deletes only products of its own, so it can run against a sandbox in use.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, REASON_TRAILER, SERVED_BY_TRAILER } from '../protos/src';
import { callerOf, healthAndReflection, type Caller } from './calls';

const RULES = {
  id: 'id must be a non-empty id of at most 64 characters, such as "1"',
  name: 'name must be a non-blank string of at most 100 characters, without control characters such as newlines',
  description:
    'description must be a string of at most 1000 characters, without control characters other than newlines',
  price: 'price must be a number from 0 to 1000000 with at most two decimals',
  stock: 'stock must be a whole number from 0 to 1000000',
  quantity: 'quantity must be a whole number from 1 to 1000',
  orderId: 'orderId must be a non-empty id of at most 64 characters, such as "1"',
  productId: 'productId must be a non-empty id of at most 64 characters, such as "1"',
  pageSize: 'pageSize must be a whole number (0 means 50; more than 100 means 100)',
  pageToken: 'pageToken must be the nextPageToken of an earlier page, unchanged',
  query: 'query must be a string of at most 100 characters, without control characters',
};

interface Product {
  id: string;
  name: string;
  description: string;
  price: number;
  stock: number;
}

interface Reservation {
  orderId: string;
  productId: string;
  quantity: number;
  state: string;
  stockLeft: number;
}

interface StockEvent {
  sequence: number;
  type: string;
  productId: string;
  productName: string;
  stock: number;
  orderId: string;
  quantity: number;
}

export function productServiceConformance(address: () => string): void {
  let client: grpc.Client;
  let call: Caller['call'];
  let expectError: Caller['expectError'];
  let firstOf: Caller['firstOf'];
  // a run's own names and reservation keys: unique, so it can run on a service in use, or twice
  const run = `${process.pid}-${Date.now()}`;
  const made: string[] = [];
  let keys = 0;
  const orderKey = () => `conformance-${run}-${++keys}`;

  before(() => {
    client = new (loadContract().product.ProductService)(address(), grpc.credentials.createInsecure());
    ({ call, expectError, firstOf } = callerOf(client));
  });
  after(async () => {
    if (!client) return;
    await Promise.all(made.map((id) => call('DeleteProduct', { id })));
    client.close();
  });

  async function newProduct(fields: Partial<Product> = {}): Promise<Product> {
    const outcome = await call<Product>('CreateProduct', {
      name: `Conformance ${run}`,
      description: 'made by the conformance suite',
      price: 12.5,
      ...fields,
    });
    expect(outcome.message).to.equal('');
    made.push((outcome.answer as Product).id);
    return outcome.answer as Product;
  }

  healthAndReflection(address, 'product.ProductService', [
    'CommitStock',
    'CreateProduct',
    'DeleteProduct',
    'GetProduct',
    'ListProducts',
    'ReleaseStock',
    'ReserveStock',
    'UpdateProduct',
    'WatchStock',
  ]);

  describe('GetProduct', () => {
    it("gives the seeded products their ids: 1 Laptop at 1000 (the diagram's step 4b), 2 Mouse, 3 Keyboard, 4 USB-C Cable", async () => {
      const seeded = await Promise.all(['1', '2', '3', '4'].map((id) => call<Product>('GetProduct', { id })));
      expect(
        seeded.map(({ answer }) => answer && { id: answer.id, name: answer.name, price: answer.price }),
      ).to.deep.equal([
        { id: '1', name: 'Laptop', price: 1000 },
        { id: '2', name: 'Mouse', price: 25 },
        { id: '3', name: 'Keyboard', price: 49.99 },
        { id: '4', name: 'USB-C Cable', price: 19.99 },
      ]);
      for (const { answer } of seeded)
        expect(Number.isInteger(answer?.stock) && (answer?.stock ?? -1) >= 0, `stock of ${answer?.name}`).to.equal(
          true,
        );
    });

    it('marks every answer, an answer or an error, with the trailer x-served-by: product-service', async () => {
      for (const request of [{ id: '1' }, { id: '999999' }])
        expect((await call('GetProduct', request)).trailer.get(SERVED_BY_TRAILER)).to.deep.equal(['product-service']);
    });

    it('NOT_FOUND "product <id> not found" for an id nobody has; INVALID_ARGUMENT for an empty or overlong id', async () => {
      await expectError('GetProduct', { id: '999999' }, grpc.status.NOT_FOUND, 'product 999999 not found');
      await expectError('GetProduct', { id: '' }, grpc.status.INVALID_ARGUMENT, RULES.id);
      await expectError('GetProduct', { id: '9'.repeat(65) }, grpc.status.INVALID_ARGUMENT, RULES.id);
    });
  });

  describe('CreateProduct', () => {
    it('creates a product with the next id and 100 in stock when no stock is sent; keeps the stock it is given, 0 included', async () => {
      const product = await newProduct({ name: 'Webcam', price: 59.9 });
      expect(product).to.deep.equal({
        id: product.id,
        name: 'Webcam',
        description: 'made by the conformance suite',
        price: 59.9,
        stock: 100,
      });
      expect(Number(product.id)).to.be.greaterThan(4);
      expect((await call('GetProduct', { id: product.id })).answer).to.deep.equal(product);
      expect((await newProduct({ stock: 0 })).stock).to.equal(0);
      expect((await newProduct({ stock: 1_000_000 })).stock).to.equal(1_000_000);
    });

    it('INVALID_ARGUMENT naming the field, for each broken rule', async () => {
      const ok = { name: 'Ok', description: '', price: 1 };
      const cases: Array<[object, string]> = [
        [{ ...ok, name: '' }, RULES.name],
        [{ ...ok, name: '\u00a0\u2003' }, RULES.name],
        [{ ...ok, name: 'Evil\nName' }, RULES.name],
        [{ ...ok, name: 'x'.repeat(101) }, RULES.name],
        [{ ...ok, description: 'bell\u0007' }, RULES.description],
        [{ ...ok, description: 'd'.repeat(1001) }, RULES.description],
        [{ ...ok, price: -1 }, RULES.price],
        [{ ...ok, price: 19.999 }, RULES.price],
        [{ ...ok, price: 1_000_000.01 }, RULES.price],
        [{ ...ok, price: Number.NaN }, RULES.price],
        [{ ...ok, stock: -1 }, RULES.stock],
        [{ ...ok, stock: 1_000_001 }, RULES.stock],
      ];
      for (const [request, message] of cases)
        await expectError('CreateProduct', request, grpc.status.INVALID_ARGUMENT, message);
    });

    it('takes a description over several lines, and names and descriptions counted as characters: "é" × 100 and × 1000', async () => {
      expect((await newProduct({ description: 'line one\nline two' })).description).to.equal('line one\nline two');
      const accented = await newProduct({ name: 'é'.repeat(100), description: 'é'.repeat(1000) });
      expect([accented.name.length, accented.description.length]).to.deep.equal([100, 1000]);
    });
  });

  describe('ListProducts', () => {
    it('gives pages, oldest first; query keeps the names that contain it, whatever their case', async () => {
      const first = await call<{ products: Product[]; nextPageToken: string }>('ListProducts', { pageSize: 2 });
      expect(first.answer?.products.map((p) => p.id)).to.deep.equal(['1', '2']);
      const second = await call<{ products: Product[] }>('ListProducts', {
        pageSize: 2,
        pageToken: first.answer?.nextPageToken,
      });
      expect(second.answer?.products.map((p) => p.id)).to.deep.equal(['3', '4']);
      const mine = await newProduct({ name: `Searchable ${run}` });
      expect(
        (await call<{ products: Product[] }>('ListProducts', { query: `SEARCHABLE ${run}` })).answer?.products,
      ).to.deep.equal([mine]);
      expect(
        (await call<{ products: Product[] }>('ListProducts', { query: 'laptop' })).answer?.products.map((p) => p.id),
      ).to.include('1');
    });

    it('page_size 0 means 50, more than 100 means 100; a negative size, a made-up token or a bad query is INVALID_ARGUMENT', async () => {
      await Promise.all(Array.from({ length: 101 }, (_, i) => newProduct({ name: `Paging ${i}` })));
      expect((await call<{ products: unknown[] }>('ListProducts', { pageSize: 0 })).answer?.products).to.have.length(
        50,
      );
      expect((await call<{ products: unknown[] }>('ListProducts', { pageSize: 500 })).answer?.products).to.have.length(
        100,
      );
      await expectError('ListProducts', { pageSize: -1 }, grpc.status.INVALID_ARGUMENT, RULES.pageSize);
      await expectError('ListProducts', { pageToken: 'made-up' }, grpc.status.INVALID_ARGUMENT, RULES.pageToken);
      await expectError('ListProducts', { query: 'tab\there' }, grpc.status.INVALID_ARGUMENT, RULES.query);
    });
  });

  describe('UpdateProduct and DeleteProduct', () => {
    it('changes only the fields that are set; a stock set by hand is the new stock', async () => {
      const product = await newProduct();
      expect((await call('UpdateProduct', { id: product.id, price: 15 })).answer).to.deep.equal({
        ...product,
        price: 15,
      });
      expect((await call('UpdateProduct', { id: product.id, stock: 7, description: '' })).answer).to.deep.equal({
        ...product,
        price: 15,
        stock: 7,
        description: '',
      });
    });

    it('NOT_FOUND for an unknown product; INVALID_ARGUMENT for a broken rule, changing nothing', async () => {
      const product = await newProduct();
      await expectError(
        'UpdateProduct',
        { id: '999999', name: 'X' },
        grpc.status.NOT_FOUND,
        'product 999999 not found',
      );
      await expectError(
        'UpdateProduct',
        { id: product.id, name: 'ok', price: 0.001 },
        grpc.status.INVALID_ARGUMENT,
        RULES.price,
      );
      await expectError('UpdateProduct', { id: product.id, stock: -5 }, grpc.status.INVALID_ARGUMENT, RULES.stock);
      expect((await call('GetProduct', { id: product.id })).answer).to.deep.equal(product);
    });

    it('deletes, answers {}; afterwards the product is NOT_FOUND, and deleting again too', async () => {
      const product = await newProduct();
      expect((await call('DeleteProduct', { id: product.id })).answer).to.deep.equal({});
      await expectError('GetProduct', { id: product.id }, grpc.status.NOT_FOUND, `product ${product.id} not found`);
      await expectError('DeleteProduct', { id: product.id }, grpc.status.NOT_FOUND, `product ${product.id} not found`);
    });
  });

  describe('stock: ReserveStock, CommitStock, ReleaseStock (lesson 16)', () => {
    it('reserves: HELD, the stock goes down; asking again with the same order changes nothing and answers the same', async () => {
      const product = await newProduct({ stock: 10 });
      const orderId = orderKey();
      const held = await call<Reservation>('ReserveStock', { orderId, productId: product.id, quantity: 3 });
      expect(held.answer).to.deep.equal({ orderId, productId: product.id, quantity: 3, state: 'HELD', stockLeft: 7 });
      expect(
        (await call<Reservation>('ReserveStock', { orderId, productId: product.id, quantity: 3 })).answer,
      ).to.deep.equal(held.answer);
      expect((await call<Product>('GetProduct', { id: product.id })).answer?.stock).to.equal(7);
      await expectError(
        'ReserveStock',
        { orderId, productId: product.id, quantity: 4 },
        grpc.status.ALREADY_EXISTS,
        `order ${orderId} already has a reservation of 3 × product ${product.id}`,
      );
      await call('ReleaseStock', { orderId });
    });

    it('commits: COMMITTED, the units are sold (twice is harmless); releasing a sold reservation gives its units back', async () => {
      const product = await newProduct({ stock: 10 });
      const orderId = orderKey();
      await call('ReserveStock', { orderId, productId: product.id, quantity: 4 });
      expect((await call<Reservation>('CommitStock', { orderId })).answer).to.include({
        state: 'COMMITTED',
        stockLeft: 6,
      });
      expect((await call<Reservation>('CommitStock', { orderId })).answer).to.include({
        state: 'COMMITTED',
        stockLeft: 6,
      });
      expect((await call<Reservation>('ReleaseStock', { orderId })).answer).to.include({
        state: 'RELEASED',
        stockLeft: 10,
      });
      expect((await call<Reservation>('ReleaseStock', { orderId })).answer).to.include({
        state: 'RELEASED',
        stockLeft: 10,
      });
    });

    it('releases: RELEASED, the units come back once; a released reservation cannot be committed (FAILED_PRECONDITION)', async () => {
      const product = await newProduct({ stock: 10 });
      const orderId = orderKey();
      await call('ReserveStock', { orderId, productId: product.id, quantity: 2 });
      expect((await call<Reservation>('ReleaseStock', { orderId })).answer).to.deep.equal({
        orderId,
        productId: product.id,
        quantity: 2,
        state: 'RELEASED',
        stockLeft: 10,
      });
      expect((await call<Reservation>('ReleaseStock', { orderId })).answer?.stockLeft).to.equal(10);
      await expectError(
        'CommitStock',
        { orderId },
        grpc.status.FAILED_PRECONDITION,
        new RegExp(`^the reservation for order ${orderId} was released`),
      );
    });

    it('an order with nothing reserved: ReleaseStock answers RELEASED (nothing to give back), CommitStock is NOT_FOUND', async () => {
      const orderId = orderKey();
      expect((await call<Reservation>('ReleaseStock', { orderId })).answer).to.include({
        orderId,
        state: 'RELEASED',
        quantity: 0,
      });
      await expectError('CommitStock', { orderId }, grpc.status.NOT_FOUND, `no stock is reserved for order ${orderId}`);
    });

    it('never oversells: 20 orders at once for 5 units, exactly 5 HELD and 15 ABORTED with the reason OUT_OF_STOCK', async () => {
      const product = await newProduct({ name: 'Scarce', stock: 5 });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          call<Reservation>('ReserveStock', { orderId: orderKey(), productId: product.id, quantity: 1 }),
        ),
      );
      expect(outcomes.filter((o) => o.answer?.state === 'HELD')).to.have.length(5);
      const refused = outcomes.filter((o) => o.code === grpc.status.ABORTED);
      expect(refused).to.have.length(15);
      expect(refused[0].message).to.equal(`not enough stock of product ${product.id} (Scarce): 0 left, 1 asked`);
      expect(refused[0].trailer.get(REASON_TRAILER)).to.deep.equal(['OUT_OF_STOCK']);
      expect((await call<Product>('GetProduct', { id: product.id })).answer?.stock).to.equal(0);
      await Promise.all(
        outcomes.filter((o) => o.answer).map((o) => call('ReleaseStock', { orderId: o.answer?.orderId })),
      );
    });

    it('INVALID_ARGUMENT for a bad order id, product id or quantity; NOT_FOUND for an unknown product', async () => {
      const orderId = orderKey();
      await expectError(
        'ReserveStock',
        { orderId: '', productId: '1', quantity: 1 },
        grpc.status.INVALID_ARGUMENT,
        RULES.orderId,
      );
      await expectError(
        'ReserveStock',
        { orderId, productId: '', quantity: 1 },
        grpc.status.INVALID_ARGUMENT,
        RULES.productId,
      );
      await expectError(
        'ReserveStock',
        { orderId, productId: '1', quantity: 0 },
        grpc.status.INVALID_ARGUMENT,
        RULES.quantity,
      );
      await expectError(
        'ReserveStock',
        { orderId, productId: '1', quantity: 1001 },
        grpc.status.INVALID_ARGUMENT,
        RULES.quantity,
      );
      await expectError(
        'ReserveStock',
        { orderId, productId: '999999', quantity: 1 },
        grpc.status.NOT_FOUND,
        'product 999999 not found',
      );
      await expectError('CommitStock', { orderId: '' }, grpc.status.INVALID_ARGUMENT, RULES.orderId);
      await expectError('ReleaseStock', { orderId: 'x'.repeat(65) }, grpc.status.INVALID_ARGUMENT, RULES.orderId);
    });
  });

  describe('WatchStock (lesson 18)', () => {
    it('tells each change of stock in order, numbered: changed (a new product), reserved, committed, released', async () => {
      const product = await newProduct({ stock: 50 });
      const orderId = orderKey();
      await call('ReserveStock', { orderId, productId: product.id, quantity: 5 });
      await call('CommitStock', { orderId });
      await call('ReleaseStock', { orderId });
      // every event kept, then only this product's: the service may be in use
      const all = await firstOf<StockEvent>('WatchStock', { afterSequence: 0, follow: false }, 1_000_000);
      expect(all.code).to.equal(grpc.status.OK);
      const mine = all.messages.filter((event) => event.productId === product.id);
      expect(
        mine.map(({ type, stock, orderId: key, quantity }) => ({ type, stock, orderId: key, quantity })),
      ).to.deep.equal([
        { type: 'stock.changed', stock: 50, orderId: '', quantity: 0 },
        { type: 'stock.reserved', stock: 45, orderId, quantity: 5 },
        { type: 'stock.committed', stock: 45, orderId, quantity: 5 },
        { type: 'stock.released', stock: 50, orderId, quantity: 5 },
      ]);
      const sequences = all.messages.map((event) => event.sequence);
      expect(sequences).to.deep.equal([...sequences].sort((a, b) => a - b));
    });

    it('resumes after a sequence; follow goes on with each new event; a sequence from the future is OUT_OF_RANGE', async () => {
      const kept = await firstOf<StockEvent>('WatchStock', { afterSequence: 0, follow: false }, 1_000_000);
      const last = kept.messages[kept.messages.length - 1]?.sequence ?? 0;
      const name = `Followed ${run}`;
      const following = firstOf<StockEvent>(
        'WatchStock',
        { afterSequence: last, follow: true },
        1_000_000,
        (event) => event.productName === name,
      );
      const product = await newProduct({ name, stock: 3 });
      const { messages } = await following;
      expect(messages[0].sequence).to.equal(last + 1);
      expect(messages[messages.length - 1]).to.include({ type: 'stock.changed', productId: product.id, stock: 3 });
      const future = await firstOf('WatchStock', { afterSequence: last + 1000, follow: false }, 1);
      expect(grpc.status[future.code]).to.equal('OUT_OF_RANGE');
      expect(future.message).to.match(/^product-service's event \d+ is in the future: its last event is \d+$/);
    });
  });
}
