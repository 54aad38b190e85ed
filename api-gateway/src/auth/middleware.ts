// Authentication and authorization at the gateway (tutorial lesson 11), as middleware:
//   identify       who is asking: the token in "Authorization: Bearer <token>", checked (tokens.ts),
//                  and its user asked of user-service (CheckSession): still there, still the same
//                  person. A token that is sent must be valid, whatever AUTH says: 401 otherwise.
//   authorize      may they: the rule of the route the request matched (policy.ts). With
//                  AUTH=required every /api route but login and sign-up needs a token (401).
//   guardControls  the sandbox's controls (/lab): with AUTH=required, changing them is the admin's.
//   guardTraces    the traces (/traces): with AUTH=required, a token; a user reads their own.
//   challenge      every 401 says how to authenticate (WWW-Authenticate).
// The identity then travels to the services as gRPC metadata (x-user-id, x-user-role), with the
// sandbox's secret (../../../gateway-secret/src/index.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import * as grpc from '@grpc/grpc-js';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { GrpcError } from '@sandbox/protos';
import { USER_ID_KEY, USER_ROLE_KEY } from '@sandbox/gateway-secret';
import type { Clients } from '../conversion/clients';
import { httpStatusOf } from '../conversion/errors';
import type { Switches } from '../settings/switches';
import { Access, ROUTES, type Lookups, type Narrowing, type Rule } from './policy';
import { TokenError, type Identity, type Tokens } from './tokens';

// the request's identity, wherever the gateway's code is when it makes a gRPC call
const identities = new AsyncLocalStorage<Identity>();

/** The user the request is for, set by identify(); Express's convention is res.locals.user. */
export function identityOf(res: Response): Identity | undefined {
  return res.locals.user as Identity | undefined;
}

/** What the request's user may do (policy.ts): GraphQL's resolvers ask it field by field. */
export function accessOf(res: Response): Access {
  return (res.locals.access as Access | undefined) ?? new Access(identityOf(res));
}

// RFC 6750: the scheme's name in any case, one space, a token of these characters
const BEARER = /^Bearer ([\w\-.~+/]+=*)$/i;

/**
 * What identify() keeps of a request's token, for an answer that lasts (an event stream, which
 * streams.ts ends with its token): when the token expires, and how to check it again.
 */
export interface Session {
  expiresAt: number; // milliseconds since 1970
  check(): Promise<Identity>; // CheckSession again: rejects with a TokenError once the token is no longer good
}

export function sessionOf(res: Response): Session | undefined {
  return res.locals.session as Session | undefined;
}

/**
 * `controls`: the request is for the sandbox's controls (plugged on /lab, index.ts), which take
 * the token on its signature alone while user-service cannot be asked (whoHolds, below).
 */
export function identify(tokens: Tokens, clients: Clients, controls = false): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || identityOf(res)) return next(); // no token, or identified already (on /lab)
    const token = BEARER.exec(header)?.[1];
    if (!token)
      return next(
        unauthenticated(res, 'send the token as the header Authorization: Bearer <token>', 'invalid_request'),
      );
    whoHolds(token, tokens, clients, controls).then(
      ({ identity, expiresAt }) => {
        res.locals.user = identity;
        const session: Session = {
          expiresAt,
          check: () => whoHolds(token, tokens, clients, false).then((held) => held.identity),
        };
        res.locals.session = session;
        identities.run(identity, next);
      },
      (error: unknown) =>
        next(error instanceof TokenError ? unauthenticated(res, error.message, 'invalid_token') : error),
    );
  };
}

/**
 * The user a token speaks for. Its signature and expiry are checked here; then user-service says
 * whether its user still exists and its session key is still theirs: a token stops working when its
 * user is deleted, changes their password, or is replaced by someone who got the same id (after a
 * reset or a restart, or on another replica). The name and role are user-service's now.
 */
async function whoHolds(
  token: string,
  tokens: Tokens,
  clients: Clients,
  controls: boolean,
): Promise<{ identity: Identity; expiresAt: number }> {
  const claims = await tokens.verify(token);
  try {
    const { user, role } = await clients.users.CheckSession({ userId: claims.id, sessionKey: claims.sessionKey });
    return {
      identity: { id: claims.id, name: user?.name ?? claims.name, role: role === 'admin' ? 'admin' : 'user' },
      expiresAt: claims.expiresAt,
    };
  } catch (error) {
    if (error instanceof GrpcError && error.code === grpc.status.UNAUTHENTICATED) {
      throw new TokenError(
        `the token's user (user ${claims.id}) has been deleted, replaced or has a new password since it was issued: log in again (POST /api/auth/login)`,
      );
    }
    // A deliberate trade-off (lesson 11): with user-service stopped no token can be checked, and
    // with AUTH=required nobody could start it again from the page. So while user-service cannot
    // be asked, the sandbox's controls take a token on its signature and expiry alone, with the
    // role it names; the price is that an admin's token that has not expired works on them even if
    // its user has been deleted or replaced since. Every other route answers 503, as for any call.
    if (controls && error instanceof GrpcError && error.code === grpc.status.UNAVAILABLE) {
      return { identity: { id: claims.id, name: claims.name, role: claims.role }, expiresAt: claims.expiresAt };
    }
    throw error; // user-service is down: 503, as for any call
  }
}

/**
 * Each route's rule (policy.ts), checked on the route Express matches: the rules are an Express
 * router of their own, with the same paths as the routes and Express's own matching, so
 * /api/Users/3, /api/users/3/ and /api/users/%33 meet the rule of /api/users/:id as the route does.
 */
export function authorize(switches: Switches, clients: Clients): RequestHandler {
  const lookups: Lookups = { orderOwner: (id) => clients.orders.GetOrder({ id }) };
  const rules = Router();
  for (const [route, rule] of Object.entries(ROUTES)) {
    const [method, path] = route.split(' ');
    rules[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path, (req, res, next) => {
      check(route, rule, req, res, switches, lookups).then(() => next('router'), next);
    });
  }
  // a path no rule names (a typo: it will be a 404) needs a token all the same with AUTH=required
  rules.use(['/api', '/graphql'], (req, res, next) => {
    if (switches.auth === 'required' && !identityOf(res)) return next(needsToken(res));
    return next();
  });

  return (req, res, next) => {
    // nobody logged in, and nobody needs to be: nothing to check (the diagram's flow, as drawn)
    if (switches.auth === 'off' && !identityOf(res)) return next();
    return rules(req, res, next);
  };
}

async function check(
  route: string,
  rule: Rule,
  req: Request,
  res: Response,
  switches: Switches,
  lookups: Lookups,
): Promise<void> {
  const user = identityOf(res);
  if (rule === 'public') {
    // a user who signs up must be able to log in afterwards
    if (route === 'POST /api/users' && switches.auth === 'required' && !user && req.body?.password === undefined) {
      throw new GrpcError(
        grpc.status.INVALID_ARGUMENT,
        'password is required: with AUTH=required a new user needs one to log in with',
      );
    }
    return;
  }
  // exercise auth ▼
  if (switches.auth === 'required' && !user) throw needsToken(res);
  const access = new Access(user);
  res.locals.access = access;
  const narrowing = await rule(
    access,
    { params: req.params as Record<string, string>, body: req.body, query: req.query },
    lookups,
  );
  if (narrowing) narrow(req, res, narrowing);
  // exercise auth ▲
}

/** A user's list is theirs: GET /api/orders becomes ?userId=<theirs>; a list of users, their own. */
function narrow(req: Request, res: Response, { query, answer }: Narrowing): void {
  if (query) {
    // Express reads req.query from req.url: set the parameters there, for the route to read
    const url = new URL(req.url, 'http://gateway');
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    req.url = url.pathname + url.search;
  }
  if (answer) {
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(res.statusCode === 200 ? answer(body) : body);
  }
}

/**
 * The sandbox's controls: the page's buttons and switches (/lab: stop, start, scale, reset, the
 * "Future" settings). Open while AUTH=off, as the whole sandbox is. With AUTH=required, reading
 * their state is open, and changing anything is the admin's, decided before the body is read.
 * Mounted on /lab (index.ts) as the lab's routes are, so every spelling Express matches
 * (/LAB/Reset, /lab/reset/) meets it.
 */
export function guardControls(switches: Switches): RequestHandler {
  return (req, res, next) => {
    if (switches.auth === 'off' || req.method === 'GET' || req.method === 'HEAD') return next();
    const user = identityOf(res);
    if (!user) {
      return next(
        unauthenticated(
          res,
          "the sandbox's controls are the admin's while AUTH=required: log in with POST /api/auth/login, then send Authorization: Bearer <token>",
        ),
      );
    }
    if (user.role !== 'admin') {
      return next(
        new GrpcError(
          grpc.status.PERMISSION_DENIED,
          `only the admin can change the sandbox's settings and processes while AUTH=required; you are logged in as ${user.name} (user ${user.id})`,
        ),
      );
    }
    return next();
  };
}

/**
 * The traces (/traces, /traces/stream, /traces/:id): with AUTH=required they need a token, and a
 * user reads their own requests' only (lab/src/traces-routes.ts asks `visibleTraces`). Mounted on
 * /traces (index.ts) as the lab's routes are: /TRACES meets it too.
 */
export function guardTraces(switches: Switches): RequestHandler {
  return (_req, res, next) => {
    if (switches.auth === 'off' || identityOf(res)) return next();
    return next(
      unauthenticated(
        res,
        'the traces need a token while AUTH=required: log in with POST /api/auth/login, then send Authorization: Bearer <token>',
      ),
    );
  };
}

/**
 * Which traces a request's client may read: every one (undefined) while AUTH=off, and for the
 * admin; with AUTH=required, a user the traces of their own requests. A switch of AUTH ends the
 * open trace streams (../index.ts), so a page follows them again under the new rule.
 */
export function visibleTraces(switches: Switches) {
  return (res: Response): ((trace: { userId?: string }) => boolean) | undefined => {
    const user = identityOf(res);
    if (switches.auth === 'off' || user?.role === 'admin') return undefined;
    return (trace) => user !== undefined && trace.userId === user.id;
  };
}

function needsToken(res: Response): GrpcError {
  return unauthenticated(
    res,
    'this route needs a token (AUTH=required): log in with POST /api/auth/login, then send Authorization: Bearer <token>',
  );
}

/** A 401 tells the client how to authenticate: WWW-Authenticate (RFC 6750). */
function unauthenticated(res: Response, message: string, error?: 'invalid_request' | 'invalid_token'): GrpcError {
  const challenge = error ? `Bearer realm="api-gateway", error="${error}"` : 'Bearer realm="api-gateway"';
  res.setHeader('WWW-Authenticate', challenge);
  return new GrpcError(grpc.status.UNAUTHENTICATED, message);
}

/**
 * Error middleware, before the one that answers: a 401 always says how to authenticate (RFC 9110),
 * with a token from POST /api/auth/login; a wrong password at login, say, or a service's
 * UNAUTHENTICATED. Those above say more (invalid_token…) and are kept.
 */
export const challenge: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (error instanceof GrpcError && httpStatusOf(error) === 401 && !res.getHeader('WWW-Authenticate'))
    res.setHeader('WWW-Authenticate', 'Bearer realm="api-gateway"');
  next(error);
};

/** The gRPC side: every call made for a request carries its user, if there is one. */
export function sendIdentity(): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        const identity = identities.getStore();
        if (identity) {
          metadata.set(USER_ID_KEY, identity.id);
          metadata.set(USER_ROLE_KEY, identity.role);
        }
        next(metadata, listener);
      },
    });
}
