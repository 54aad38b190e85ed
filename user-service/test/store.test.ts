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

  it('gives new users the ids of a block after the seeded users, up to its end and never one twice', () => {
    const store = createSeededStore({ from: 1001, to: 1002 });
    expect(store.create({ name: 'A', email: 'a@example.com' }).id).to.equal('1001');
    store.delete('1001');
    expect(store.create({ name: 'B', email: 'b@example.com' }).id).to.equal('1002');
    expect(store.newUserIds()).to.deep.equal({ from: 1001, to: 1002, left: false });
    expect(() => store.create({ name: 'C', email: 'c@example.com' })).to.throw(
      'no id is left for a new user: ids 1001 to 1002 have all been given',
    );
    expect(store.list().map((u) => u.id)).to.deep.equal(['1', '2', '3', '1002']);
    expect(() => createSeededStore({ from: 3, to: 1000 })).to.throw(
      'new users cannot get ids from 3: this store has given ids up to 3',
    );
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

  it('matches emails whatever the case of the ASCII letters A to Z, and of those only', () => {
    const store = new UserStore();
    store.create({ name: 'Iris', email: 'iris@example.com' });
    store.create({ name: 'Kate', email: 'kate@example.com' });
    expect(store.findByEmail('IRIS@Example.COM')?.name).to.equal('Iris');
    expect(store.findByEmail('İris@example.com')).to.equal(undefined); // U+0130: JavaScript lowers it to "i" and a dot above, Go to "i"
    expect(store.findByEmail('\u212Aate@example.com')).to.equal(undefined); // the Kelvin sign: both lower it to "k"
  });

  describe('session keys (what login tokens carry, lesson 11)', () => {
    const keyOf = (store: UserStore, id: string) => store.sessionOf(id)?.sessionKey;

    it('gives each user a random key of their own: 22 characters of base64url', () => {
      const store = createSeededStore();
      const keys = ['1', '2', '3'].map((id) => keyOf(store, id));
      for (const key of keys) expect(key).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(new Set(keys).size).to.equal(3);
    });

    it('gives the seeded users new keys at every start: after a reset, a restart, or on another replica, user "1" has another key', () => {
      expect(keyOf(createSeededStore(), '1')).to.not.equal(keyOf(createSeededStore(), '1'));
    });

    it('gives a new key when the password changes, and only then', () => {
      const store = createSeededStore();
      const before = keyOf(store, '1');
      store.update('1', { name: 'Johnny', email: 'johnny@example.com' });
      expect(keyOf(store, '1')).to.equal(before);
      store.update('1', { passwordHash: 'scrypt$00$00' });
      expect(keyOf(store, '1')).to.not.equal(before);
    });

    it('tells the key only through sessionOf and credentialsOf, never in a User', () => {
      const store = createSeededStore();
      const created = store.create({ name: 'A', email: 'a@example.com' });
      const users = [
        created,
        store.get('1'),
        store.findByEmail('john@example.com'),
        store.update('1', { name: 'J' }),
        ...store.list(),
      ];
      for (const user of users) expect(Object.keys(user ?? {})).to.deep.equal(['id', 'name', 'email']);
      expect(store.credentialsOf('a@example.com')?.sessionKey).to.equal(keyOf(store, created.id));
      expect(store.sessionOf('1')).to.deep.equal({
        user: { id: '1', name: 'J', email: 'john@example.com' },
        role: 'user',
        sessionKey: keyOf(store, '1'),
      });
    });

    it('has no key for a user who is gone', () => {
      const store = createSeededStore();
      store.delete('1');
      expect(store.sessionOf('1')).to.equal(undefined);
    });
  });
});
