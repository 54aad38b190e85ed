// Rate limiting (tutorial lesson 12): RATE_LIMIT=5/min lets each client make 5 requests a minute;
// the next one gets 429 RESOURCE_EXHAUSTED with Retry-After (seconds until the window ends) and the
// IETF's RateLimit and RateLimit-Policy headers, which say how many are left. The limiter is
// express-rate-limit, a well-kept library; its counts are kept in memory, per gateway.
import type { RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import { sendError } from '../conversion/errors';
import { identityOf } from '../auth/middleware';
import type { RateLimit, Switches } from '../settings/switches';

export function rateLimiting(switches: Switches): RequestHandler {
  // one limiter per setting: a new setting starts every client's count afresh
  let current: { setting: RateLimit; limit: RequestHandler; store: MemoryStore } | undefined;
  return (req, res, next) => {
    const setting = switches.rateLimit;
    if (!setting) return next(); // off: nothing is counted
    if (current?.setting !== setting) {
      current?.store.shutdown();
      const store = new MemoryStore();
      current = { setting, limit: limiter(setting, store), store };
    }
    return current.limit(req, res, next);
  };
}

function limiter(setting: RateLimit, store: MemoryStore): RequestHandler {
  return rateLimit({
    windowMs: setting.windowMs,
    limit: setting.limit,
    store,
    standardHeaders: 'draft-8', // RateLimit: "5-per-min"; r=4; t=60 (requests remaining, seconds to the reset)
    legacyHeaders: false,
    identifier: setting.text.replace('/', '-per-'),
    // each client: the logged-in user if there is one (a token, lesson 11), otherwise the address
    keyGenerator: (req, res) => {
      const user = identityOf(res);
      return user ? `user ${user.id}` : `address ${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res) => {
      const seconds = res.getHeader('Retry-After');
      sendError(
        res,
        429,
        'RESOURCE_EXHAUSTED',
        `too many requests: the limit is ${setting.text} per client (RATE_LIMIT); try again in ${seconds} s`,
      );
    },
    // made when the setting changes, which may be while a request is handled: that is on purpose
    validate: { creationStack: false },
  });
}
