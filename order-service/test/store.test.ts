import { expect } from 'chai';
import { OrderStore, type NewOrder } from '../src/store';

const order = (userId: string): NewOrder => ({
  userId,
  productId: '1',
  quantity: 1,
  totalPrice: 1000,
  userName: 'John',
  productName: 'Laptop',
  createdAt: '2026-11-22T10:00:00.000Z',
  status: 'CONFIRMED',
});

describe('OrderStore', () => {
  it('starts empty, so the first order is order "1" as on the diagram', () => {
    const store = new OrderStore();
    expect(store.list()).to.deep.equal([]);
    expect(store.create(order('1')).id).to.equal('1');
  });

  it('tells its listeners of each order stored and each change of status, after the change', () => {
    const store = new OrderStore();
    const heard: string[] = [];
    store.onChange((changed, was) =>
      heard.push(`${changed.id} ${was ?? 'new'} → ${changed.status} (stored: ${store.get(changed.id)?.status})`),
    );
    store.create({ ...order('1'), status: 'PENDING' });
    store.setStatus('1', 'FAILED', 'out of stock');
    expect(heard).to.deep.equal(['1 new → PENDING (stored: PENDING)', '1 PENDING → FAILED (stored: FAILED)']);
  });

  it("lists every order oldest first, or only one user's", () => {
    const store = new OrderStore();
    store.create(order('1'));
    store.create(order('2'));
    store.create(order('1'));
    expect(store.list().map((o) => o.id)).to.deep.equal(['1', '2', '3']);
    expect(store.list('1').map((o) => o.id)).to.deep.equal(['1', '3']);
    expect(store.list('9')).to.deep.equal([]);
  });
});
