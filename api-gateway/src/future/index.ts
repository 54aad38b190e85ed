// The diagram's "Future: Auth, Rate limiting, Caching", plugged into the gateway at one place each:
//   middleware (app.ts, in this order):
//     1. identify     who is asking: the request's token, if any, and is its user still there  auth.ts        lesson 11
//     2. guard lab    the sandbox's controls and traces: with AUTH=required, whose are they?    auth.ts        lesson 11
//        (both before the body is read)
//     3. rate limit   too many requests from this client?                                     rate-limit.ts  lesson 12
//     4. authorize    may they? the rule of the route the request matched                      auth.ts, policy.ts  lesson 11
//     5. cache        answered before? then no gRPC call                                       cache.ts       lesson 13
//   routes: /api/auth (login, me: auth-routes.ts) and /lab/settings (settings-routes.ts)
//   client interceptors: each gRPC call carries the sandbox's secret and the request's user
// With AUTH=off, RATE_LIMIT=off and CACHE_TTL_MS=0 (the defaults) and no token, each step passes
// every request on untouched, and the gateway is exactly the diagram's.
import type * as grpc from '@grpc/grpc-js';
import type { RequestHandler, Response } from 'express';
import { sendGatewaySecret } from '@sandbox/gateway-secret';
import type { Clients } from '../conversion/clients';
import { accessOf, authorize, guardLab, identify, sendIdentity, visibleTraces } from './auth';
import { answerCache, type AnswerCache } from './cache';
import { LoginThrottle } from './login-throttle';
import type { Access } from './policy';
import { rateLimiting } from './rate-limit';
import type { AnnounceAuth } from './settings-routes';
import type { Switches } from './switches';
import { Tokens } from './tokens';

export interface FutureConfig extends Switches {
  jwtSecret: string;
  tokenTtlSeconds: number;
  gatewaySecret: string | undefined;
}

/** The middleware, in the order app.ts plugs them in. */
export interface FutureMiddleware {
  identify: RequestHandler;
  guardLab: RequestHandler;
  rateLimit: RequestHandler;
  authorize: RequestHandler;
  cache: RequestHandler;
}

export interface GatewayFuture {
  switches: Switches; // changed at run time by /lab/settings
  tokens: Tokens;
  throttle: LoginThrottle; // failed logins per account
  cache: AnswerCache;
  clientInterceptors: grpc.Interceptor[];
  announceAuth?: AnnounceAuth; // how an AUTH or ORDER_SAGA switch reaches the services (npm start's launcher)
  middleware(clients: Clients): FutureMiddleware; // they call services: who holds a token, whose order is this
  accessOf(res: Response): Access; // what the request's user may do, for GraphQL's resolvers
  visibleTraces(res: Response): ((trace: { userId?: string }) => boolean) | undefined; // for the lab's /traces
}

export function gatewayFuture(config: FutureConfig, announceAuth?: AnnounceAuth): GatewayFuture {
  const switches: Switches = { auth: config.auth, rateLimit: config.rateLimit, cacheTtlMs: config.cacheTtlMs, saga: config.saga };
  const tokens = new Tokens(config.jwtSecret, config.tokenTtlSeconds);
  const cache = answerCache(switches);
  return {
    switches,
    tokens,
    throttle: new LoginThrottle(),
    cache,
    clientInterceptors: [sendGatewaySecret(config.gatewaySecret), sendIdentity(), cache.clientInterceptor],
    announceAuth,
    middleware(clients) {
      // while it is on, the cache follows product-service's stock events (cache.ts)
      cache.followStock((request) => clients.watch.stock(request));
      return {
        identify: identify(tokens, clients),
        guardLab: guardLab(switches),
        rateLimit: rateLimiting(switches),
        authorize: authorize(switches, clients),
        cache: cache.middleware,
      };
    },
    accessOf,
    visibleTraces: visibleTraces(switches),
  };
}
