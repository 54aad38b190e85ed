// Authentication and authorization at the gateway (tutorial lesson 11): who is asking, and may they.
// Plugged in by one line of app.ts (plugAuth), at four of its plug points:
//   before the body is read  identify: the request's token, if any, and is its user still there
//                            guard the lab: /lab and /traces, with AUTH=required, are whose?
//   before the routes        authorize: the rule of the route the request matched (policy.ts)
//   routes                   POST /api/auth/login, GET /api/auth/me (routes.ts)
//   errors                   every 401 says how to authenticate
// What it holds is made once (gatewayAuth, from ../chapters.ts): the tokens, the failed logins, and
// what the process around the app asks of it: each gRPC call's user, the traces a user may read,
// how long an event stream may last and how many one client may hold (streams.ts).
// GraphQL is not plugged here: app.ts passes it `accessOf`, what the request's user may do.
import type * as grpc from '@grpc/grpc-js';
import type { Response } from 'express';
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import type { Switches } from '../settings/switches';
import { LoginThrottle } from './login-throttle';
import {
  accessOf,
  authorize,
  challenge,
  guardControls,
  guardTraces,
  identify,
  sendIdentity,
  visibleTraces,
} from './middleware';
import type { Access } from './policy';
import { authRoutes } from './routes';
import { streamGuard, type StreamGuard } from './streams';
import { Tokens } from './tokens';

export interface AuthConfig {
  jwtSecret: string;
  tokenTtlSeconds: number;
  tokenRecheckMs: number;
  loginEmailsCounted: number;
}

export interface GatewayAuth {
  switches: Switches; // AUTH, read on every request
  tokens: Tokens;
  throttle: LoginThrottle; // failed logins per account
  clientInterceptor: grpc.Interceptor; // each gRPC call carries the request's user
  accessOf(res: Response): Access; // what the request's user may do, for GraphQL's resolvers
  visibleTraces(res: Response): ((trace: { userId?: string }) => boolean) | undefined; // for the lab's /traces
  streams: StreamGuard; // an event stream ends with its token; a few per client (/traces/stream, /api/events)
}

export function gatewayAuth(config: AuthConfig, switches: Switches): GatewayAuth {
  return {
    switches,
    tokens: new Tokens(config.jwtSecret, config.tokenTtlSeconds),
    throttle: new LoginThrottle(config.loginEmailsCounted),
    clientInterceptor: sendIdentity(),
    accessOf,
    visibleTraces: visibleTraces(switches),
    streams: streamGuard(config.tokenRecheckMs),
  };
}

export function plugAuth(plugs: PlugPoints, clients: Clients, auth: GatewayAuth): void {
  // who is asking, and whether they may touch the sandbox's controls: decided before the body is
  // read. Mounted where the lab's routes are, so every spelling Express matches meets them. On /lab,
  // the admin's token works while user-service is down, to start it again (middleware.ts)
  plugs.beforeBody.use('/lab', identify(auth.tokens, clients, true));
  plugs.beforeBody.use(identify(auth.tokens, clients));
  plugs.beforeBody.use('/lab', guardControls(auth.switches));
  plugs.beforeBody.use('/traces', guardTraces(auth.switches));
  // may they: the rule of the route the request matched, which may read the body
  plugs.beforeRoutes.use(authorize(auth.switches, clients));
  plugs.routes.use('/api/auth', authRoutes(clients, auth.tokens, auth.throttle));
  // every 401 says how to authenticate, whoever refused
  plugs.errors.push(challenge);
}
