import { expect } from 'chai';
import { readConfig } from '../src/config';

describe('user-service config', () => {
  it('gives new users ids from 4 (after the seeded 1, 2, 3), with no end, unless told a block', () => {
    expect(readConfig({}).newUserIds).to.deep.equal({ from: 4, to: 999_999_999_999_999 });
    expect(readConfig({ NEW_USER_IDS_FROM: '2001', NEW_USER_IDS_TO: '3000' }).newUserIds).to.deep.equal({
      from: 2001,
      to: 3000,
    });
  });

  it('refuses a block that starts among the seeded users, ends before it starts, or is not a whole number', () => {
    const refused =
      /^NEW_USER_IDS_FROM and NEW_USER_IDS_TO must be whole numbers from 4 \(after the seeded users\) to 999999999999999, the first not above the second/;
    for (const env of [
      { NEW_USER_IDS_FROM: '3' },
      { NEW_USER_IDS_FROM: '1001', NEW_USER_IDS_TO: '1000' },
      { NEW_USER_IDS_FROM: '1e3' },
      { NEW_USER_IDS_FROM: '-5' },
      { NEW_USER_IDS_TO: '1'.repeat(16) },
    ]) {
      expect(() => readConfig(env), JSON.stringify(env)).to.throw(refused);
    }
  });

  it('hashes passwords at scrypt cost 16384 unless told another power of two from 1024 to 131072', () => {
    expect(readConfig({}).passwordHashCost).to.equal(16384);
    expect(readConfig({ PASSWORD_HASH_COST: '1024' }).passwordHashCost).to.equal(1024);
    expect(readConfig({ PASSWORD_HASH_COST: '131072' }).passwordHashCost).to.equal(131072);
    for (const value of ['512', '1000', '262144', '16k', '+1024', '1024.0', ' 1024']) {
      expect(() => readConfig({ PASSWORD_HASH_COST: value }), value).to.throw(
        `PASSWORD_HASH_COST must be a power of two from 1024 to 131072 (scrypt's N; 16384 by default), not ${JSON.stringify(value)}`,
      );
    }
  });
});
