// The diagram's "Future: Auth, Rate limiting, Caching", plugged into the gateway at one place each:
//   middleware (app.ts, before the routes, in this order):
//     1. identify     who is asking: the request's token, if any             auth.ts      lesson 11
//     2. rate limit   too many requests from this client?                     rate-limit.ts lesson 12
//     3. authorize    may they? (AUTH=required: a token; only for themselves) auth.ts      lesson 11
//     4. cache        answered before? then no gRPC call                      cache.ts     lesson 13
//   routes: /api/auth (login, me: auth-routes.ts) and /lab/settings (settings-routes.ts)
//   client interceptors: each gRPC call carries the sandbox's secret and the request's user
// With AUTH=off, RATE_LIMIT=off and CACHE_TTL_MS=0 (the defaults) each step passes every request on
// untouched, and the gateway is exactly the diagram's.
import type * as grpc from '@grpc/grpc-js';
import type { RequestHandler } from 'express';
import { sendGatewaySecret } from '@sandbox/protos';
import { authorize, identify, sendIdentity } from './auth';
import { answerCache, type AnswerCache } from './cache';
import { rateLimiting } from './rate-limit';
import type { AnnounceAuth } from './settings-routes';
import type { Switches } from './switches';
import { Tokens } from './tokens';

export interface FutureConfig extends Switches {
  jwtSecret: string;
  tokenTtlSeconds: number;
  gatewaySecret: string | undefined;
}

export interface GatewayFuture {
  switches: Switches; // changed at run time by /lab/settings
  tokens: Tokens;
  middleware: RequestHandler[];
  cache: AnswerCache;
  clientInterceptors: grpc.Interceptor[];
  announceAuth?: AnnounceAuth; // how an AUTH or ORDER_SAGA switch reaches the services (npm start's launcher)
}

export function gatewayFuture(config: FutureConfig, announceAuth?: AnnounceAuth): GatewayFuture {
  const switches: Switches = { auth: config.auth, rateLimit: config.rateLimit, cacheTtlMs: config.cacheTtlMs, saga: config.saga };
  const tokens = new Tokens(config.jwtSecret, config.tokenTtlSeconds);
  const cache = answerCache(switches);
  return {
    switches,
    tokens,
    middleware: [identify(tokens), rateLimiting(switches), authorize(switches), cache.middleware],
    cache,
    clientInterceptors: [sendGatewaySecret(config.gatewaySecret), sendIdentity()],
    announceAuth,
  };
}
