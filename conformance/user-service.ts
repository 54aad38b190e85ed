// The behaviour of user.proto's UserService that the .proto file cannot say: which codes, which
// messages, which rules, which seed data. Any implementation, in any language, passes these over
// gRPC alone (npm run conformance -- user-service <address>): the TypeScript user-service and the
// Go one (user-service-go/) do, in npm test.
//
// It creates, changes and deletes only users of its own, so it can run against a sandbox in use.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { loadContract, SERVED_BY_TRAILER } from '../protos/src';
import type { UserServiceClient } from '../protos/generated/user/UserService';
import { callerOf, healthAndReflection, type Caller } from './calls';

const RULES = {
  id: 'id must be a non-empty id of at most 64 characters, such as "1"',
  name: 'name must be a non-blank string of at most 100 characters, without control characters such as newlines',
  email: 'email must be an email address such as "ada@example.com"',
  password: 'password must be a string of 8 to 128 characters, without control characters',
  pageSize: 'pageSize must be a whole number (0 means 50; more than 100 means 100)',
  pageToken: 'pageToken must be the nextPageToken of an earlier page, unchanged',
};

export function userServiceConformance(address: () => string): void {
  let client: UserServiceClient;
  let call: Caller['call'];
  let expectError: Caller['expectError'];
  // a run's own emails: unique, so it can run on a user-service that is in use, or twice
  const run = `${process.pid}-${Date.now()}`;
  const email = (who: string) => `${who}.${run}@conformance.example`;

  before(() => {
    client = new (loadContract().user.UserService)(address(), grpc.credentials.createInsecure());
    ({ call, expectError } = callerOf(client));
  });
  // the users this run made, deleted again at the end
  after(async () => {
    if (!client) return;
    const ids: string[] = [];
    let pageToken = '';
    do {
      const page = await call<{ users: Array<{ id: string; email: string }>; nextPageToken: string }>('ListUsers', {
        pageSize: 100,
        pageToken,
      });
      ids.push(
        ...(page.answer?.users ?? []).filter((u) => u.email.endsWith(`.${run}@conformance.example`)).map((u) => u.id),
      );
      pageToken = page.answer?.nextPageToken ?? '';
    } while (pageToken);
    await Promise.all(ids.map((id) => call('DeleteUser', { id })));
    client.close();
  });

  async function newUser(who: string, password?: string): Promise<{ id: string; name: string; email: string }> {
    const outcome = await call<{ id: string; name: string; email: string }>('CreateUser', {
      name: `Conformance ${who}`,
      email: email(who),
      ...(password ? { password } : {}),
    });
    expect(outcome.message).to.equal('');
    return outcome.answer as { id: string; name: string; email: string };
  }

  healthAndReflection(address, 'user.UserService', [
    'CheckPassword',
    'CheckSession',
    'CreateUser',
    'DeleteUser',
    'GetUser',
    'ListUsers',
    'UpdateUser',
  ]);

  describe('GetUser', () => {
    it("gives the seeded users their ids: 1 John (the diagram's step 4a), 2 Jane, 3 Ada Lovelace", async () => {
      const seeded = await Promise.all(['1', '2', '3'].map((id) => call('GetUser', { id })));
      expect(seeded.map((outcome) => outcome.answer)).to.deep.equal([
        { id: '1', name: 'John', email: 'john@example.com' },
        { id: '2', name: 'Jane', email: 'jane@example.com' },
        { id: '3', name: 'Ada Lovelace', email: 'ada@example.com' },
      ]);
    });

    it('marks every answer, an answer or an error, with the trailer x-served-by: user-service', async () => {
      for (const request of [{ id: '1' }, { id: '999999' }])
        expect((await call('GetUser', request)).trailer.get(SERVED_BY_TRAILER)).to.deep.equal(['user-service']);
    });

    it('NOT_FOUND "user <id> not found" for an id nobody has; INVALID_ARGUMENT for an empty or overlong id', async () => {
      await expectError('GetUser', { id: '999999' }, grpc.status.NOT_FOUND, 'user 999999 not found');
      await expectError('GetUser', { id: '' }, grpc.status.INVALID_ARGUMENT, RULES.id);
      await expectError('GetUser', { id: '9'.repeat(65) }, grpc.status.INVALID_ARGUMENT, RULES.id);
    });
  });

  describe('CreateUser', () => {
    it('creates a user with the next id, and answers with it (never a password)', async () => {
      const outcome = await call<{ id: string }>('CreateUser', {
        name: 'Grace Hopper',
        email: email('grace'),
        password: 'grace-secret',
      });
      expect(outcome.answer).to.deep.equal({ id: outcome.answer?.id, name: 'Grace Hopper', email: email('grace') });
      expect(Number(outcome.answer?.id)).to.be.greaterThan(3);
      expect((await call('GetUser', { id: outcome.answer?.id })).answer).to.deep.equal(outcome.answer);
    });

    // Emails match whatever the case of their ASCII letters, A to Z, and only of those: a deliberately
    // simple rule that every implementation and the gateway's count of failed logins share. Unicode's
    // case rules differ between languages (Go lowers "İ" to "i", JavaScript to "i" and a dot above),
    // and an email that a user-service matched to an account while the gateway counted it apart would
    // get fresh tries at that account's password. (Checked with the taken email: lesson 19 shows
    // how many checks the suite has.)
    it('ALREADY_EXISTS for an email that is taken, whatever the case of its ASCII letters; "İris" (U+0130) is not "iris", nor "\u212Aate" with a Kelvin sign (U+212A) "kate", at sign-up and at login', async () => {
      await expectError(
        'CreateUser',
        { name: 'Another John', email: 'JOHN@example.com' },
        grpc.status.ALREADY_EXISTS,
        'a user with email JOHN@example.com already exists',
      );
      const [iris, kate] = await Promise.all([newUser('iris', 'iris-secret'), newUser('kate', 'kate-secret')]);
      expect((await call('CheckPassword', { email: email('IRIS'), password: 'iris-secret' })).answer).to.deep.include({
        user: iris,
      });
      for (const [spelled, user, password] of [
        [email('İris'), iris, 'iris-secret'],
        [email('\u212Aate'), kate, 'kate-secret'],
      ] as const) {
        await expectError(
          'CheckPassword',
          { email: spelled, password },
          grpc.status.UNAUTHENTICATED,
          'wrong email or password',
        );
        const another = await call<{ id: string; email: string }>('CreateUser', {
          name: 'Conformance look-alike',
          email: spelled,
        });
        expect(another.message, spelled).to.equal('');
        expect(another.answer?.email).to.equal(spelled);
        expect(another.answer?.id).to.not.equal(user.id);
      }
    });

    it('INVALID_ARGUMENT naming the field, for each broken rule', async () => {
      const cases: Array<[object, string]> = [
        [{ name: '', email: email('a') }, RULES.name],
        [{ name: '   ', email: email('a') }, RULES.name],
        [{ name: '\u00a0', email: email('a') }, RULES.name], // white space that is not ASCII's
        [{ name: 'Evil\nName', email: email('a') }, RULES.name],
        [{ name: 'x'.repeat(101), email: email('a') }, RULES.name],
        [{ name: 'Ok', email: 'not-an-email' }, RULES.email],
        [{ name: 'Ok', email: 'a b@example.com' }, RULES.email],
        [{ name: 'Ok', email: `${'a'.repeat(250)}@b.co` }, RULES.email],
        [{ name: 'Ok', email: email('a'), password: 'short' }, RULES.password],
        [{ name: 'Ok', email: email('a'), password: 'tab\tinside' }, RULES.password],
        [{ name: 'Ok', email: email('a'), password: 'x'.repeat(129) }, RULES.password],
      ];
      for (const [request, message] of cases)
        await expectError('CreateUser', request, grpc.status.INVALID_ARGUMENT, message);
    });

    it('takes names of 100 characters, counted as characters (not bytes): "é" × 100', async () => {
      const outcome = await call<{ name: string }>('CreateUser', { name: 'é'.repeat(100), email: email('accents') });
      expect(outcome.message).to.equal('');
      expect(outcome.answer?.name).to.equal('é'.repeat(100));
    });
  });

  describe('ListUsers', () => {
    it('gives pages, oldest first: page_size, then next_page_token until it is empty', async () => {
      const first = await call<{ users: Array<{ id: string }>; nextPageToken: string }>('ListUsers', { pageSize: 2 });
      expect(first.answer?.users.map((u) => u.id)).to.deep.equal(['1', '2']);
      expect(first.answer?.nextPageToken).to.not.equal('');
      const second = await call<{ users: Array<{ id: string }>; nextPageToken: string }>('ListUsers', {
        pageSize: 2,
        pageToken: first.answer?.nextPageToken,
      });
      expect(second.answer?.users[0].id).to.equal('3');
      const ids: string[] = [];
      let pageToken = '';
      do {
        const page = await call<{ users: Array<{ id: string }>; nextPageToken: string }>('ListUsers', {
          pageSize: 0,
          pageToken,
        });
        ids.push(...(page.answer?.users ?? []).map((u) => u.id));
        pageToken = page.answer?.nextPageToken ?? '';
      } while (pageToken);
      expect(ids.map(Number)).to.deep.equal([...ids.map(Number)].sort((a, b) => a - b));
    });

    it('page_size 0 means 50, more than 100 means 100; a negative size or a made-up token is INVALID_ARGUMENT', async () => {
      await Promise.all(
        Array.from({ length: 101 }, (_, i) => call('CreateUser', { name: `Paging ${i}`, email: email(`paging${i}`) })),
      );
      expect((await call<{ users: unknown[] }>('ListUsers', { pageSize: 0 })).answer?.users).to.have.length(50);
      expect((await call<{ users: unknown[] }>('ListUsers', { pageSize: 500 })).answer?.users).to.have.length(100);
      await expectError('ListUsers', { pageSize: -1 }, grpc.status.INVALID_ARGUMENT, RULES.pageSize);
      await expectError('ListUsers', { pageToken: 'made-up' }, grpc.status.INVALID_ARGUMENT, RULES.pageToken);
    });
  });

  describe('UpdateUser', () => {
    it('changes only the fields that are set', async () => {
      const user = await newUser('update');
      expect((await call('UpdateUser', { id: user.id, name: 'Renamed' })).answer).to.deep.equal({
        ...user,
        name: 'Renamed',
      });
      expect((await call('UpdateUser', { id: user.id, email: user.email })).answer).to.deep.equal({
        ...user,
        name: 'Renamed',
      }); // its own email: fine
    });

    it("NOT_FOUND for an unknown user; ALREADY_EXISTS for another user's email; INVALID_ARGUMENT for a broken rule", async () => {
      const user = await newUser('update-errors');
      await expectError('UpdateUser', { id: '999999', name: 'X' }, grpc.status.NOT_FOUND, 'user 999999 not found');
      await expectError(
        'UpdateUser',
        { id: user.id, email: 'jane@example.com' },
        grpc.status.ALREADY_EXISTS,
        'a user with email jane@example.com already exists',
      );
      await expectError('UpdateUser', { id: user.id, name: '' }, grpc.status.INVALID_ARGUMENT, RULES.name); // set, and empty: not "not sent"
      await expectError('UpdateUser', { id: user.id, password: 'short' }, grpc.status.INVALID_ARGUMENT, RULES.password);
      expect((await call('GetUser', { id: user.id })).answer).to.deep.equal(user);
    });
  });

  describe('DeleteUser', () => {
    it('deletes, answers {}; afterwards the user is NOT_FOUND, and deleting again too', async () => {
      const user = await newUser('delete');
      expect((await call('DeleteUser', { id: user.id })).answer).to.deep.equal({});
      await expectError('GetUser', { id: user.id }, grpc.status.NOT_FOUND, `user ${user.id} not found`);
      await expectError('DeleteUser', { id: user.id }, grpc.status.NOT_FOUND, `user ${user.id} not found`);
    });
  });

  describe('CheckPassword (lesson 11)', () => {
    it('knows the seeded passwords and roles: John a user, Ada the admin', async () => {
      expect(
        (await call('CheckPassword', { email: 'john@example.com', password: 'john-secret' })).answer,
      ).to.deep.include({ user: { id: '1', name: 'John', email: 'john@example.com' }, role: 'user' });
      expect(
        (await call<{ role: string }>('CheckPassword', { email: 'ADA@example.com', password: 'ada-secret' })).answer
          ?.role,
      ).to.equal('admin');
    });

    it('UNAUTHENTICATED "wrong email or password", the same for a wrong password, an unknown email, a user without a password, and an absurd password', async () => {
      const passwordless = await newUser('no-password');
      const cases = [
        { email: 'john@example.com', password: 'jane-secret' },
        { email: 'nobody@example.com', password: 'john-secret' },
        { email: passwordless.email, password: '' },
        { email: 'john@example.com', password: 'x'.repeat(100_000) },
      ];
      for (const request of cases)
        await expectError('CheckPassword', request, grpc.status.UNAUTHENTICATED, 'wrong email or password');
    });

    it("a new user's password works; after UpdateUser changes it, only the new one does; a deleted user cannot log in", async () => {
      const user = await newUser('password', 'first-secret');
      expect((await call('CheckPassword', { email: user.email, password: 'first-secret' })).answer).to.deep.include({
        user,
        role: 'user',
      });
      await call('UpdateUser', { id: user.id, password: 'second-secret' });
      await expectError(
        'CheckPassword',
        { email: user.email, password: 'first-secret' },
        grpc.status.UNAUTHENTICATED,
        'wrong email or password',
      );
      expect((await call('CheckPassword', { email: user.email, password: 'second-secret' })).code).to.equal(
        grpc.status.OK,
      );
      await call('DeleteUser', { id: user.id });
      await expectError(
        'CheckPassword',
        { email: user.email, password: 'second-secret' },
        grpc.status.UNAUTHENTICATED,
        'wrong email or password',
      );
    });
  });

  // A login token names its user by id, and ids come back (a reset, a restart, another replica):
  // so it carries the user's session key too, and CheckSession says whether that key is still theirs.
  describe('CheckSession (lesson 11)', () => {
    const ENDED = 'the session is no longer valid';
    async function keyOf(email: string, password: string): Promise<string> {
      const login = await call<{ sessionKey: string }>('CheckPassword', { email, password });
      expect(login.message).to.equal('');
      return login.answer?.sessionKey ?? '';
    }

    it("CheckPassword gives the user's session key: at least 16 characters, the same at every login, another for each user", async () => {
      const john = await keyOf('john@example.com', 'john-secret');
      expect(john).to.have.length.of.at.least(16);
      expect(await keyOf('john@example.com', 'john-secret')).to.equal(john);
      expect(await keyOf('jane@example.com', 'jane-secret')).to.not.equal(john);
    });

    it("answers { user, role } for a user's own key, with the user as they are now: a new name shows", async () => {
      const user = await newUser('session', 'session-secret');
      const sessionKey = await keyOf(user.email, 'session-secret');
      expect((await call('CheckSession', { userId: user.id, sessionKey })).answer).to.deep.equal({
        user,
        role: 'user',
      });
      await call('UpdateUser', { id: user.id, name: 'Conformance renamed' });
      expect((await call('CheckSession', { userId: user.id, sessionKey })).answer).to.deep.equal({
        user: { ...user, name: 'Conformance renamed' },
        role: 'user',
      });
      expect(
        (
          await call<{ role: string }>('CheckSession', {
            userId: '3',
            sessionKey: await keyOf('ada@example.com', 'ada-secret'),
          })
        ).answer?.role,
      ).to.equal('admin');
    });

    it(`a password change ends the logins made before it (UNAUTHENTICATED "${ENDED}"); the next login's key works`, async () => {
      const user = await newUser('session-password', 'first-secret');
      const old = await keyOf(user.email, 'first-secret');
      await call('UpdateUser', { id: user.id, password: 'second-secret' });
      await expectError('CheckSession', { userId: user.id, sessionKey: old }, grpc.status.UNAUTHENTICATED, ENDED);
      expect(
        (await call('CheckSession', { userId: user.id, sessionKey: await keyOf(user.email, 'second-secret') })).code,
      ).to.equal(grpc.status.OK);
    });

    it(`a deleted user's key is refused: UNAUTHENTICATED "${ENDED}"`, async () => {
      const user = await newUser('session-delete', 'delete-secret');
      const sessionKey = await keyOf(user.email, 'delete-secret');
      await call('DeleteUser', { id: user.id });
      await expectError('CheckSession', { userId: user.id, sessionKey }, grpc.status.UNAUTHENTICATED, ENDED);
    });

    it("the same UNAUTHENTICATED for another user's key, a wrong, empty or absurd key, an unknown, empty or absurd id: never INVALID_ARGUMENT", async () => {
      const john = await keyOf('john@example.com', 'john-secret');
      const cases = [
        { userId: '2', sessionKey: john },
        { userId: '1', sessionKey: `${john.slice(0, -1)}${john.endsWith('A') ? 'B' : 'A'}` },
        { userId: '1', sessionKey: '' },
        { userId: '1', sessionKey: john.repeat(10_000) },
        { userId: '999999', sessionKey: john },
        { userId: '', sessionKey: john },
        { userId: '9'.repeat(100_000), sessionKey: john },
      ];
      for (const request of cases) await expectError('CheckSession', request, grpc.status.UNAUTHENTICATED, ENDED);
    });
  });
}
