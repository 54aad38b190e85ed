import { expect } from 'chai';
import { ConfigError } from '@sandbox/protos';
import { readConfig } from '../src/config';
import { parseCacheTtl, parseRateLimit } from '../src/settings/switches';

describe('the gateway\'s config: the "Future" switches', () => {
  it("starts with all three off, so the gateway is the diagram's", () => {
    const { future } = readConfig({});
    expect([future.auth, future.rateLimit, future.cacheTtlMs]).to.deep.equal(['off', undefined, 0]);
    expect(future.tokenTtlSeconds).to.equal(900);
    expect(future.tokenRecheckMs).to.equal(15_000); // an open stream's token, checked again
    expect(future.loginEmailsCounted).to.equal(10_000); // emails whose failed logins are counted
    expect(future.jwtSecret).to.have.length.at.least(32); // random at each start
  });

  it('reads RATE_LIMIT as requests per second or minute', () => {
    expect(parseRateLimit('5/min')).to.deep.equal({ limit: 5, windowMs: 60_000, text: '5/min' });
    expect(parseRateLimit(' 10/s ')).to.deep.equal({ limit: 10, windowMs: 1000, text: '10/s' });
    expect(parseRateLimit('off')).to.equal(undefined);
  });

  it('refuses a value that cannot work with a ConfigError that says what would', () => {
    const refused: Array<[Record<string, string>, RegExp]> = [
      [{ AUTH: 'maybe' }, /^AUTH must be off or required, not "maybe"$/],
      [{ AUTH: 'Required' }, /^AUTH must be off or required/],
      [
        { LOGIN_EMAILS_COUNTED: '0' },
        /^LOGIN_EMAILS_COUNTED must be a whole number of emails from 1 to 9999999; not "0"$/,
      ],
      [{ LOGIN_EMAILS_COUNTED: 'lots' }, /^LOGIN_EMAILS_COUNTED must be/],
      [
        { RATE_LIMIT: '0/s' },
        /^RATE_LIMIT must be off or <requests>\/<s\|min> with 1 to 1000000 requests, such as 5\/min; not "0\/s"$/,
      ],
      [{ RATE_LIMIT: '10/h' }, /^RATE_LIMIT must be/],
      [{ RATE_LIMIT: '-1/min' }, /^RATE_LIMIT must be/],
      [{ RATE_LIMIT: '99999999/s' }, /^RATE_LIMIT must be/],
      [{ RATE_LIMIT: 'lots' }, /^RATE_LIMIT must be/],
      [
        { CACHE_TTL_MS: '-1' },
        /^CACHE_TTL_MS must be a whole number of milliseconds from 0 \(off\) to 86400000 \(a day\); not "-1"$/,
      ],
      [{ CACHE_TTL_MS: '1.5' }, /^CACHE_TTL_MS must be/],
      [{ CACHE_TTL_MS: '90000000' }, /^CACHE_TTL_MS must be/],
      [{ JWT_SECRET: 'short' }, /^JWT_SECRET must be at least 32 characters long$/],
      [{ TOKEN_TTL_SECONDS: '0' }, /^TOKEN_TTL_SECONDS must be a whole number of seconds from 1 to 86400/],
      [{ TOKEN_TTL_SECONDS: '1e3' }, /^TOKEN_TTL_SECONDS must be/],
      [
        { TOKEN_RECHECK_MS: '50' },
        /^TOKEN_RECHECK_MS must be a whole number of milliseconds from 100 to 9999999; not "50"$/,
      ],
      [{ TOKEN_RECHECK_MS: '15s' }, /^TOKEN_RECHECK_MS must be/],
    ];
    for (const [env, message] of refused) {
      expect(() => readConfig(env), JSON.stringify(env)).to.throw(ConfigError, message);
    }
    expect(parseCacheTtl(0)).to.equal(0);
    expect(parseCacheTtl('30000')).to.equal(30_000);
  });
});
