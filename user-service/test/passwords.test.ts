import { expect } from 'chai';
import { hashPassword, isPassword } from '../src/passwords';
import { SEED_USERS, seedUsersAt } from '../src/seed';

describe('password hashes', () => {
  it('say the cost they were made at: "scrypt$<N>$<salt>$<hash>"', async () => {
    expect(await hashPassword('john-secret', 1024)).to.match(/^scrypt\$1024\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(await hashPassword('john-secret')).to.match(/^scrypt\$16384\$/);
  });

  it('verify at the cost each says, whatever the setting is now', async () => {
    const cheap = await hashPassword('john-secret', 1024);
    const dear = await hashPassword('john-secret', 16384);
    for (const setting of [1024, 16384]) {
      expect(await isPassword('john-secret', cheap, setting), `1024 at ${setting}`).to.equal(true);
      expect(await isPassword('john-secret', dear, setting), `16384 at ${setting}`).to.equal(true);
      expect(await isPassword('jane-secret', cheap, setting), `a wrong one at ${setting}`).to.equal(false);
    }
  });

  it('still verify in the form before they said their cost, "scrypt$<salt>$<hash>", read as 16384', async () => {
    const old = (await hashPassword('john-secret', 16384)).replace('scrypt$16384$', 'scrypt$');
    expect(await isPassword('john-secret', old, 1024)).to.equal(true);
    expect(await isPassword('jane-secret', old, 1024)).to.equal(false);
  });

  it('refuse a malformed hash, and no hash at all, without throwing', async () => {
    const good = await hashPassword('john-secret', 1024);
    const [, , salt, key] = good.split('$');
    for (const stored of [
      '',
      undefined,
      'scrypt',
      'scrypt$00$00',
      `bcrypt$1024$${salt}$${key}`,
      `scrypt$1000$${salt}$${key}`, // not a power of two
      `scrypt$512$${salt}$${key}`, // below the lowest cost
      `scrypt$1048576$${salt}$${key}`, // above the highest: 1 GB, never run
      `scrypt$+1024$${salt}$${key}`,
      `scrypt$1024$${salt}$${key.slice(2)}`, // a hash of another length
      `scrypt$1024$${salt}$${key.replace(/.$/, 'g')}`, // not hex
      `scrypt$1024$$${key}`,
      `${good}$more`,
    ]) {
      expect(await isPassword('john-secret', stored, 1024), String(stored)).to.equal(false);
    }
  });

  it('of the seeded users verify with their passwords, as made at the default cost and at another', async () => {
    const passwords = ['john-secret', 'jane-secret', 'ada-secret'];
    expect(seedUsersAt(16384)).to.equal(SEED_USERS);
    for (const users of [SEED_USERS, seedUsersAt(1024)]) {
      const verified = await Promise.all(users.map((user, i) => isPassword(passwords[i], user.passwordHash, 1024)));
      expect(verified).to.deep.equal([true, true, true]);
    }
    expect(seedUsersAt(1024).map((user) => user.passwordHash?.split('$')[1])).to.deep.equal(['1024', '1024', '1024']);
  });
});
