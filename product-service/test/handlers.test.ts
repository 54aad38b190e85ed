import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { grpcErrorOf } from '@sandbox/protos/testing';
import { createHandlers } from '../src/handlers';
import { createSeededStore } from '../src/seed';

const seededHandlers = () => createHandlers(createSeededStore());

describe('product-service handlers', () => {
  // every test starts from the seed data
  let handlers = seededHandlers();
  beforeEach(() => (handlers = seededHandlers()));

  describe('createProduct', () => {
    it('stores a valid product with the next id', () => {
      expect(handlers.createProduct({ name: 'Webcam', description: '1080p', price: 59.9 })).to.deep.equal({
        id: '5',
        name: 'Webcam',
        description: '1080p',
        price: 59.9,
        stock: 100, // none asked: the default
      });
    });

    it('rejects negative, non-finite and sub-cent prices with INVALID_ARGUMENT naming price', async () => {
      for (const price of [-1, Infinity, Number.NaN, 1.005]) {
        expect(await grpcErrorOf(() => handlers.createProduct({ name: 'X', description: '', price }))).to.deep.equal([
          status.INVALID_ARGUMENT,
          'price must be a number from 0 to 1000000 with at most two decimals',
        ]);
      }
    });

    it('takes a stock, and refuses a negative, fractional or absurd one naming stock', async () => {
      expect(handlers.createProduct({ name: 'Webcam', description: '', price: 1, stock: 0 }).stock).to.equal(0);
      for (const stock of [-1, 1.5, 1_000_001, Number.NaN]) {
        expect(
          await grpcErrorOf(() => handlers.createProduct({ name: 'X', description: '', price: 1, stock })),
        ).to.deep.equal([status.INVALID_ARGUMENT, 'stock must be a whole number from 0 to 1000000']);
        expect((await grpcErrorOf(() => handlers.updateProduct({ id: '1', stock })))[1]).to.match(/^stock must be/);
      }
    });

    it('rejects a blank name', async () => {
      expect((await grpcErrorOf(() => handlers.createProduct({ name: ' ', description: '', price: 1 })))[1]).to.match(
        /^name must be/,
      );
    });
  });

  describe('getProduct', () => {
    it('returns the Laptop at 1000 for id "1" (DIAGRAM step 4b)', () => {
      expect(handlers.getProduct({ id: '1' })).to.include({ id: '1', name: 'Laptop', price: 1000 });
    });

    it('says which product was not found', async () => {
      expect(await grpcErrorOf(() => handlers.getProduct({ id: '99' }))).to.deep.equal([
        status.NOT_FOUND,
        'product 99 not found',
      ]);
    });
  });

  describe('updateProduct', () => {
    it('changes only the fields that were set', () => {
      expect(handlers.updateProduct({ id: '1', price: 899.99 })).to.deep.equal({
        id: '1',
        name: 'Laptop',
        description: '14-inch, 16 GB RAM',
        price: 899.99,
        stock: 10_000,
      });
    });

    it('changes nothing when one field is invalid', async () => {
      expect((await grpcErrorOf(() => handlers.updateProduct({ id: '1', name: 'New', price: -5 })))[0]).to.equal(
        status.INVALID_ARGUMENT,
      );
      expect(handlers.getProduct({ id: '1' }).name).to.equal('Laptop');
    });
  });

  describe('deleteProduct and listProducts', () => {
    it('lists the four seeded products, and one fewer after a delete', () => {
      const everything = { pageSize: 0, pageToken: '', query: '' };
      expect(handlers.listProducts(everything).products.map((p) => p.name)).to.deep.equal([
        'Laptop',
        'Mouse',
        'Keyboard',
        'USB-C Cable',
      ]);
      handlers.deleteProduct({ id: '2' });
      expect(handlers.listProducts(everything).products.map((p) => p.id)).to.deep.equal(['1', '3', '4']);
    });

    it('keeps only the products whose name contains the query, ignoring case', () => {
      expect(
        handlers.listProducts({ pageSize: 0, pageToken: '', query: 'KEY' }).products.map((p) => p.name),
      ).to.deep.equal(['Keyboard']);
    });

    it('pages: pageSize items and a token for the rest; the last page has an empty token', () => {
      for (let i = 0; i < 120; i++) handlers.createProduct({ name: `Item ${i}`, description: '', price: 1 });
      const first = handlers.listProducts({ pageSize: 0, pageToken: '', query: '' });
      expect(first.products).to.have.length(50); // the default page size
      const big = handlers.listProducts({ pageSize: 5000, pageToken: '', query: '' });
      expect(big.products).to.have.length(100); // above the maximum means the maximum
      const rest = handlers.listProducts({ pageSize: 100, pageToken: big.nextPageToken as string, query: '' });
      expect(rest.products.map((p) => p.id)[0]).to.equal('101');
      expect(rest.products).to.have.length(24);
      expect(rest.nextPageToken).to.equal('');
    });

    it('refuses a made-up page token and a negative page size with INVALID_ARGUMENT', async () => {
      expect(
        await grpcErrorOf(() => handlers.listProducts({ pageSize: 0, pageToken: 'bm9wZQ', query: '' })),
      ).to.deep.equal([status.INVALID_ARGUMENT, 'pageToken must be the nextPageToken of an earlier page, unchanged']);
      expect((await grpcErrorOf(() => handlers.listProducts({ pageSize: -1, pageToken: '', query: '' })))[1]).to.match(
        /^pageSize must be/,
      );
    });
  });
});
