import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { grpcErrorOf } from '@sandbox/protos/testing';
import { createHandlers } from '../src/handlers';
import { createSeededStore } from '../src/seed';

describe('user-service handlers', () => {
  // every test starts from the seed data
  let handlers = createHandlers(createSeededStore());
  beforeEach(() => (handlers = createHandlers(createSeededStore())));

  describe('createUser', () => {
    it('stores a valid user and gives it the next id', async () => {
      expect(await handlers.createUser({ name: 'Grace', email: 'grace@example.com', password: '' })).to.deep.equal({
        id: '4',
        name: 'Grace',
        email: 'grace@example.com',
      });
    });

    it('keeps a password only as a hash, never in an answer, and checks it at login', async () => {
      const grace = await handlers.createUser({ name: 'Grace', email: 'grace@example.com', password: 'grace-secret' });
      expect(grace).to.deep.equal({ id: '4', name: 'Grace', email: 'grace@example.com' });
      expect(await handlers.checkPassword({ email: 'GRACE@example.com', password: 'grace-secret' })).to.deep.include({
        user: grace,
        role: 'user',
      });
      expect(
        await grpcErrorOf(() => handlers.checkPassword({ email: 'grace@example.com', password: 'grace-secreT' })),
      ).to.deep.equal([status.UNAUTHENTICATED, 'wrong email or password']);
    });

    it('refuses a password that is too short or holds a control character', async () => {
      const tooShort = await grpcErrorOf(() =>
        handlers.createUser({ name: 'G', email: 'g@example.com', password: 'short' }),
      );
      expect(tooShort).to.deep.equal([
        status.INVALID_ARGUMENT,
        'password must be a string of 8 to 128 characters, without control characters',
      ]);
      expect(
        (
          await grpcErrorOf(() => handlers.createUser({ name: 'G', email: 'g@example.com', password: 'long enough\n' }))
        )[0],
      ).to.equal(status.INVALID_ARGUMENT);
      expect(handlers.listUsers({ pageSize: 0, pageToken: '' }).users).to.have.length(3);
    });

    it('rejects an empty name and an invalid email with INVALID_ARGUMENT naming the field', async () => {
      expect(
        await grpcErrorOf(() => handlers.createUser({ name: '', email: 'x@example.com', password: '' })),
      ).to.deep.equal([
        status.INVALID_ARGUMENT,
        'name must be a non-blank string of at most 100 characters, without control characters such as newlines',
      ]);
      expect(
        (await grpcErrorOf(() => handlers.createUser({ name: 'X', email: 'not-an-email', password: '' })))[1],
      ).to.match(/^email must be/);
    });

    it('rejects an email that is taken, whatever its case, with ALREADY_EXISTS', async () => {
      expect(
        await grpcErrorOf(() => handlers.createUser({ name: 'J', email: 'John@Example.com', password: '' })),
      ).to.deep.equal([status.ALREADY_EXISTS, 'a user with email John@Example.com already exists']);
    });

    it('refuses a user past the end of its block of ids with RESOURCE_EXHAUSTED (npm start gives each start a block)', async () => {
      const block = createHandlers(createSeededStore({ from: 1001, to: 1001 }));
      expect((await block.createUser({ name: 'Grace', email: 'grace@example.com', password: '' })).id).to.equal('1001');
      expect(
        await grpcErrorOf(() => block.createUser({ name: 'Ada', email: 'ada.b@example.com', password: '' })),
      ).to.deep.equal([
        status.RESOURCE_EXHAUSTED,
        'no user id is left for a new user: this user-service gives ids 1001 to 1001, and has given them all',
      ]);
    });
  });

  describe('getUser', () => {
    it('returns John for id "1" (DIAGRAM step 4a)', () => {
      expect(handlers.getUser({ id: '1' })).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com' });
    });

    it('says which user was not found', async () => {
      expect(await grpcErrorOf(() => handlers.getUser({ id: '42' }))).to.deep.equal([
        status.NOT_FOUND,
        'user 42 not found',
      ]);
    });

    it('rejects an empty id as INVALID_ARGUMENT (what grpcurl sends when id is left out)', async () => {
      expect((await grpcErrorOf(() => handlers.getUser({ id: '' })))[0]).to.equal(status.INVALID_ARGUMENT);
    });
  });

  describe('updateUser', () => {
    it('changes only the fields that were set', async () => {
      expect(await handlers.updateUser({ id: '2', email: 'jane.doe@example.com' })).to.deep.equal({
        id: '2',
        name: 'Jane',
        email: 'jane.doe@example.com',
      });
    });

    it("lets a user keep their own email but not take another user's", async () => {
      expect((await handlers.updateUser({ id: '1', email: 'john@example.com' })).email).to.equal('john@example.com');
      expect((await grpcErrorOf(() => handlers.updateUser({ id: '1', email: 'jane@example.com' })))[0]).to.equal(
        status.ALREADY_EXISTS,
      );
    });

    it('validates what it changes and changes nothing when a field is invalid', async () => {
      expect((await grpcErrorOf(() => handlers.updateUser({ id: '1', name: 'Ok', email: 'bad' })))[0]).to.equal(
        status.INVALID_ARGUMENT,
      );
      expect(handlers.getUser({ id: '1' }).name).to.equal('John');
    });
  });

  describe('checkPassword', () => {
    it('gives the seeded users their documented passwords, and Ada the admin role', async () => {
      expect((await handlers.checkPassword({ email: 'john@example.com', password: 'john-secret' })).role).to.equal(
        'user',
      );
      expect((await handlers.checkPassword({ email: 'jane@example.com', password: 'jane-secret' })).user?.id).to.equal(
        '2',
      );
      expect(await handlers.checkPassword({ email: 'ada@example.com', password: 'ada-secret' })).to.deep.include({
        user: { id: '3', name: 'Ada Lovelace', email: 'ada@example.com' },
        role: 'admin',
      });
    });

    it("gives the user's session key, for the login token: the same at every login, another for each user", async () => {
      const john = await handlers.checkPassword({ email: 'john@example.com', password: 'john-secret' });
      expect(Object.keys(john)).to.deep.equal(['user', 'role', 'sessionKey']);
      expect(john.sessionKey).to.match(/^[A-Za-z0-9_-]{22}$/);
      expect(
        (await handlers.checkPassword({ email: 'john@example.com', password: 'john-secret' })).sessionKey,
      ).to.equal(john.sessionKey);
      expect(
        (await handlers.checkPassword({ email: 'jane@example.com', password: 'jane-secret' })).sessionKey,
      ).to.not.equal(john.sessionKey);
    });

    it('answers an unknown email exactly as a wrong password, so nobody learns who has an account', async () => {
      const unknown = await grpcErrorOf(() =>
        handlers.checkPassword({ email: 'nobody@example.com', password: 'john-secret' }),
      );
      const wrong = await grpcErrorOf(() =>
        handlers.checkPassword({ email: 'john@example.com', password: 'jane-secret' }),
      );
      expect(unknown).to.deep.equal(wrong);
      expect(unknown).to.deep.equal([status.UNAUTHENTICATED, 'wrong email or password']);
    });

    it('lets a user change their password, after which only the new one works', async () => {
      await handlers.updateUser({ id: '2', password: 'jane-new-secret' });
      expect(
        (await handlers.checkPassword({ email: 'jane@example.com', password: 'jane-new-secret' })).user?.name,
      ).to.equal('Jane');
      expect(
        (await grpcErrorOf(() => handlers.checkPassword({ email: 'jane@example.com', password: 'jane-secret' })))[0],
      ).to.equal(status.UNAUTHENTICATED);
    });

    it('lets nobody log in as a deleted user, nor as a user created without a password', async () => {
      handlers.deleteUser({ id: '1' });
      expect(
        (await grpcErrorOf(() => handlers.checkPassword({ email: 'john@example.com', password: 'john-secret' })))[0],
      ).to.equal(status.UNAUTHENTICATED);
      await handlers.createUser({ name: 'NoPass', email: 'nopass@example.com', password: '' });
      expect(
        (await grpcErrorOf(() => handlers.checkPassword({ email: 'nopass@example.com', password: '' })))[0],
      ).to.equal(status.UNAUTHENTICATED);
    });
  });

  describe('checkSession', () => {
    const ended = [status.UNAUTHENTICATED, 'the session is no longer valid'];
    const keyOf = async (email: string, password: string) =>
      (await handlers.checkPassword({ email, password })).sessionKey as string;

    it('honours the key that login gave, answering with the user as they are now and their role', async () => {
      const key = await keyOf('john@example.com', 'john-secret');
      expect(handlers.checkSession({ userId: '1', sessionKey: key })).to.deep.equal({
        user: { id: '1', name: 'John', email: 'john@example.com' },
        role: 'user',
      });
      await handlers.updateUser({ id: '1', name: 'Johnny' });
      expect(handlers.checkSession({ userId: '1', sessionKey: key }).user?.name).to.equal('Johnny');
      expect(
        handlers.checkSession({ userId: '3', sessionKey: await keyOf('ada@example.com', 'ada-secret') }).role,
      ).to.equal('admin');
    });

    it("refuses Eve's token once her id is the Victim's: after a reset the ids start again, the keys do not", async () => {
      await handlers.createUser({ name: 'Eve', email: 'eve@example.com', password: 'eve-secret' });
      const eve = { userId: '4', sessionKey: await keyOf('eve@example.com', 'eve-secret') };
      expect(handlers.checkSession(eve).user?.name).to.equal('Eve');
      const afterReset = createHandlers(createSeededStore());
      await afterReset.createUser({ name: 'Victim', email: 'victim@example.com', password: 'victim-secret' });
      expect(await grpcErrorOf(() => afterReset.checkSession(eve))).to.deep.equal(ended);
    });

    it('refuses a token of a deleted user', async () => {
      const key = await keyOf('jane@example.com', 'jane-secret');
      handlers.deleteUser({ id: '2' });
      expect(await grpcErrorOf(() => handlers.checkSession({ userId: '2', sessionKey: key }))).to.deep.equal(ended);
    });

    it('ends the logins made before a password change; the next login works', async () => {
      const old = await keyOf('jane@example.com', 'jane-secret');
      await handlers.updateUser({ id: '2', password: 'jane-new-secret' });
      expect(await grpcErrorOf(() => handlers.checkSession({ userId: '2', sessionKey: old }))).to.deep.equal(ended);
      expect(
        handlers.checkSession({ userId: '2', sessionKey: await keyOf('jane@example.com', 'jane-new-secret') }).user?.id,
      ).to.equal('2');
    });

    it('gives the same UNAUTHENTICATED for anything else, never INVALID_ARGUMENT: it tells nothing', async () => {
      const john = await keyOf('john@example.com', 'john-secret');
      const cases = [
        { userId: '2', sessionKey: john }, // another user's key
        { userId: '1', sessionKey: `${john.slice(0, -1)}${john.endsWith('A') ? 'B' : 'A'}` },
        { userId: '1', sessionKey: '' },
        { userId: '1', sessionKey: john.repeat(1000) },
        { userId: '42', sessionKey: john },
        { userId: '', sessionKey: john },
        { userId: '1'.repeat(100_000), sessionKey: john },
      ];
      for (const request of cases)
        expect(
          await grpcErrorOf(() => handlers.checkSession(request)),
          JSON.stringify(request).slice(0, 60),
        ).to.deep.equal(ended);
    });
  });

  describe('deleteUser', () => {
    it('removes the user, and a second delete is NOT_FOUND', async () => {
      expect(handlers.deleteUser({ id: '3' })).to.deep.equal({});
      expect(handlers.listUsers({ pageSize: 0, pageToken: '' }).users.map((u) => u.id)).to.deep.equal(['1', '2']);
      expect(await grpcErrorOf(() => handlers.deleteUser({ id: '3' }))).to.deep.equal([
        status.NOT_FOUND,
        'user 3 not found',
      ]);
    });
  });
});
