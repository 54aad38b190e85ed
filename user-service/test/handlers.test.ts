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
    it('stores a valid user and gives it the next id', () => {
      expect(handlers.createUser({ name: 'Grace', email: 'grace@example.com' })).to.deep.equal({ id: '4', name: 'Grace', email: 'grace@example.com' });
    });

    it('rejects an empty name and an invalid email with INVALID_ARGUMENT naming the field', async () => {
      expect(await grpcErrorOf(() => handlers.createUser({ name: '', email: 'x@example.com' }))).to.deep.equal([
        status.INVALID_ARGUMENT,
        'name must be a non-blank string of at most 100 characters, without control characters such as newlines',
      ]);
      expect((await grpcErrorOf(() => handlers.createUser({ name: 'X', email: 'not-an-email' })))[1]).to.match(/^email must be/);
    });

    it('rejects an email that is taken, whatever its case, with ALREADY_EXISTS', async () => {
      expect(await grpcErrorOf(() => handlers.createUser({ name: 'J', email: 'John@Example.com' }))).to.deep.equal([
        status.ALREADY_EXISTS,
        'a user with email John@Example.com already exists',
      ]);
    });
  });

  describe('getUser', () => {
    it('returns John for id "1" (DIAGRAM step 4a)', () => {
      expect(handlers.getUser({ id: '1' })).to.deep.equal({ id: '1', name: 'John', email: 'john@example.com' });
    });

    it('says which user was not found', async () => {
      expect(await grpcErrorOf(() => handlers.getUser({ id: '42' }))).to.deep.equal([status.NOT_FOUND, 'user 42 not found']);
    });

    it('rejects an empty id as INVALID_ARGUMENT (what grpcurl sends when id is left out)', async () => {
      expect((await grpcErrorOf(() => handlers.getUser({ id: '' })))[0]).to.equal(status.INVALID_ARGUMENT);
    });
  });

  describe('updateUser', () => {
    it('changes only the fields that were set', () => {
      expect(handlers.updateUser({ id: '2', email: 'jane.doe@example.com' })).to.deep.equal({ id: '2', name: 'Jane', email: 'jane.doe@example.com' });
    });

    it('lets a user keep their own email but not take another user\'s', async () => {
      expect(handlers.updateUser({ id: '1', email: 'john@example.com' }).email).to.equal('john@example.com');
      expect((await grpcErrorOf(() => handlers.updateUser({ id: '1', email: 'jane@example.com' })))[0]).to.equal(status.ALREADY_EXISTS);
    });

    it('validates what it changes and changes nothing when a field is invalid', async () => {
      expect((await grpcErrorOf(() => handlers.updateUser({ id: '1', name: 'Ok', email: 'bad' })))[0]).to.equal(status.INVALID_ARGUMENT);
      expect(handlers.getUser({ id: '1' }).name).to.equal('John');
    });
  });

  describe('deleteUser', () => {
    it('removes the user, and a second delete is NOT_FOUND', async () => {
      expect(handlers.deleteUser({ id: '3' })).to.deep.equal({});
      expect(handlers.listUsers({ pageSize: 0, pageToken: '' }).users.map((u) => u.id)).to.deep.equal(['1', '2']);
      expect(await grpcErrorOf(() => handlers.deleteUser({ id: '3' }))).to.deep.equal([status.NOT_FOUND, 'user 3 not found']);
    });
  });
});
