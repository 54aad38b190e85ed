import { expect } from 'chai';
import { createSeededStore } from '../src/seed';
import { ProductStore } from '../src/store';

describe('ProductStore', () => {
  it('starts with the diagram seed: product "1" is the Laptop at 1000', () => {
    expect(createSeededStore().get('1')).to.include({ id: '1', name: 'Laptop', price: 1000 });
  });

  it('stores only the known fields of a new product', () => {
    const store = new ProductStore();
    const sneaky = { name: 'Pen', description: '', price: 2, stock: 3, admin: true } as unknown as Parameters<
      ProductStore['create']
    >[0];
    expect(store.create(sneaky)).to.deep.equal({ id: '1', name: 'Pen', description: '', price: 2, stock: 3 });
  });

  it('updates only the fields given, and returns copies', () => {
    const store = createSeededStore();
    expect(store.update('2', { price: 30 })).to.deep.equal({
      id: '2',
      name: 'Mouse',
      description: 'Wireless, two buttons',
      price: 30,
      stock: 1000,
    });
    const copy = store.get('2');
    if (copy) copy.price = 0;
    expect(store.get('2')?.price).to.equal(30);
  });

  it('deletes, and never reuses the id', () => {
    const store = createSeededStore();
    expect(store.delete('4')).to.equal(true);
    expect(store.delete('4')).to.equal(false);
    expect(store.create({ name: 'Hub', description: '', price: 15, stock: 3 }).id).to.equal('5');
  });
});
