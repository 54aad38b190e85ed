// The diagram's "Future: Auth, Rate limiting, Caching", built as chapters (auth/, rate-limit/,
// cache/), and their switches (settings/): what they hold, made once per gateway. app.ts plugs
// each chapter in, one line each; index.ts gives the gRPC clients the interceptors below and the
// lab the rule for the traces. With AUTH=off, RATE_LIMIT=off and CACHE_TTL_MS=0 (the defaults) and
// no token, each passes every request on untouched, and the gateway is exactly the diagram's.
import type { PlugIn } from '@sandbox/protos';
import type { Response } from 'express';
import { sendGatewaySecret } from '@sandbox/gateway-secret';
import { gatewayAuth, type GatewayAuth } from './auth';
import { answerCache, type AnswerCache } from './cache';
import type { AnnounceAuth } from './settings/routes';
import type { Switches } from './settings/switches';

export interface FutureConfig extends Switches {
  jwtSecret: string;
  tokenTtlSeconds: number;
  tokenRecheckMs: number;
  loginEmailsCounted: number;
  gatewaySecret: string | undefined;
}

export interface GatewayFuture {
  switches: Switches; // changed at run time by /lab/settings
  auth: GatewayAuth; // the tokens, the failed logins per account
  cache: AnswerCache;
  plugIn: PlugIn; // around each gRPC call: the sandbox's secret, the request's user, an order forgets its product
  announceAuth?: AnnounceAuth; // how an AUTH or ORDER_SAGA switch reaches the services (npm start's launcher)
  visibleTraces(res: Response): ((trace: { userId?: string }) => boolean) | undefined; // for the lab's /traces
}

export function gatewayFuture(config: FutureConfig, announceAuth?: AnnounceAuth): GatewayFuture {
  const switches: Switches = {
    auth: config.auth,
    rateLimit: config.rateLimit,
    cacheTtlMs: config.cacheTtlMs,
    saga: config.saga,
  };
  const auth = gatewayAuth(config, switches);
  const cache = answerCache(switches);
  return {
    switches,
    auth,
    cache,
    plugIn: {
      clientInterceptors: () => [
        sendGatewaySecret(config.gatewaySecret),
        auth.clientInterceptor,
        cache.clientInterceptor,
      ],
    },
    announceAuth,
    visibleTraces: auth.visibleTraces,
  };
}
