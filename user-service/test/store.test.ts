import { expect } from 'chai';
import { createSeededStore } from '../src/seed';
import { UserStore } from '../src/store';

describe('UserStore', () => {
  it('starts with the diagram seed: user "1" is John', () => {
    expect(createSeededStore().get('1')).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com' });
  });

  it('gives ids "1", "2", … in creation order and lists oldest first', () => {
    const store = new UserStore();
    store.create({ name: 'A', email: 'a@example.com' });
    store.create({ name: 'B', email: 'b@example.com' });
    expect(store.list().map((u) => u.id)).to.deep.equal(['1', '2']);
  });

  it('never reuses an id after a delete', () => {
    const store = new UserStore();
    store.create({ name: 'A', email: 'a@example.com' });
    store.delete('1');
    expect(store.create({ name: 'B', email: 'b@example.com' }).id).to.equal('2');
  });

  it('returns copies, so a caller cannot change what is stored', () => {
    const store = createSeededStore();
    const user = store.get('1');
    if (user) user.name = 'Mallory';
    expect(store.get('1')?.name).to.equal('John');
  });

  it('updates only the fields given, and finds users by email whatever the case', () => {
    const store = createSeededStore();
    expect(store.update('1', { name: 'Johnny' })).to.deep.equal({ id: '1', name: 'Johnny', email: 'john@example.com' });
    expect(store.findByEmail('JOHN@example.com')?.id).to.equal('1');
    expect(store.update('99', { name: 'x' })).to.equal(undefined);
  });
});
