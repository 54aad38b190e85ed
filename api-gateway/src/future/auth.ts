// Authentication and authorization at the gateway (tutorial lesson 11), in two middleware:
//   identify   who is asking: the token in "Authorization: Bearer <token>", checked (tokens.ts).
//              A token that is sent must be valid, whatever AUTH says: 401 otherwise.
//   authorize  may they: with AUTH=required every /api route but login and sign-up needs a token
//              (401 without one), and anyone identified may act only for themselves (403).
// The identity then travels to the services as gRPC metadata (x-user-id, x-user-role), with the
// sandbox's secret (../../../protos/src/gateway-secret.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import * as grpc from '@grpc/grpc-js';
import type { Request, RequestHandler, Response } from 'express';
import { GrpcError, USER_ID_KEY, USER_ROLE_KEY } from '@sandbox/protos';
import type { Switches } from './switches';
import { TokenError, type Identity, type Tokens } from './tokens';

// the request's identity, wherever the gateway's code is when it makes a gRPC call
const identities = new AsyncLocalStorage<Identity>();

/** The user the request is for, set by identify(); Express's convention is res.locals.user. */
export function identityOf(res: Response): Identity | undefined {
  return res.locals.user as Identity | undefined;
}

// RFC 6750: the scheme's name in any case, one space, a token of these characters
const BEARER = /^Bearer ([\w\-.~+/]+=*)$/i;

export function identify(tokens: Tokens): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const token = BEARER.exec(header)?.[1];
    if (!token) return next(unauthenticated(res, 'send the token as the header Authorization: Bearer <token>', 'invalid_request'));
    tokens.verify(token).then(
      (identity) => {
        res.locals.user = identity;
        identities.run(identity, next);
      },
      (error: TokenError) => next(unauthenticated(res, error.message, 'invalid_token')),
    );
  };
}

// With AUTH=required, these need no token: how one gets a token, and how one gets an account.
const PUBLIC_ROUTES = new Set(['POST /api/auth/login', 'POST /api/users']);

export function authorize(switches: Switches): RequestHandler {
  return (req, res, next) => {
    const route = `${req.method} ${(req.baseUrl + req.path).replace(/\/$/, '')}`;
    const user = identityOf(res);
    if (switches.auth === 'required' && !user) {
      if (!PUBLIC_ROUTES.has(route)) {
        return next(unauthenticated(res, 'this route needs a token (AUTH=required): log in with POST /api/auth/login, then send Authorization: Bearer <token>'));
      }
      // a user who signs up must be able to log in afterwards
      if (route === 'POST /api/users' && req.body?.password === undefined) {
        return next(new GrpcError(grpc.status.INVALID_ARGUMENT, 'password is required: with AUTH=required a new user needs one to log in with'));
      }
    }
    const refusal = user && refusalFor(user, actionOf(req));
    return next(refusal ? new GrpcError(grpc.status.PERMISSION_DENIED, refusal) : undefined);
  };
}

/** What a request wants to do: change product 2, order for user 1… (GraphQL's mutations say the same.) */
export interface Action {
  resource: string | undefined; // "users", "products", "orders"
  id?: string; // the record changed, if one is named
  change: boolean; // creates, changes or deletes something
  orderFor?: string; // an order's userId
  cancelFor?: string; // the userId of an order being cancelled (lesson 17)
}

function actionOf(req: Request): Action {
  const [resource, id] = req.path.split('/').filter(Boolean); // "/users/2" → users, 2
  const change = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method);
  const orderFor = resource === 'orders' && req.method === 'POST' && typeof req.body?.userId === 'string' ? req.body.userId : undefined;
  return { resource, id, change, orderFor };
}

/** Why `user` may not do `action`, or undefined if they may. The admin may do everything. */
export function refusalFor(user: Identity, action: Action): string | undefined {
  if (user.role === 'admin') return undefined;
  const { resource, id, change, orderFor, cancelFor } = action;
  if (resource === 'products' && change) return `only an admin can change products; you are logged in as ${user.name} (user ${user.id})`;
  if (resource === 'users' && id !== undefined && change && id !== user.id) {
    return `you can change only your own user (${user.id}), not user ${id}`;
  }
  if (resource === 'orders' && orderFor !== undefined && orderFor !== user.id) {
    return `you are user ${user.id} and cannot order for user ${orderFor}`;
  }
  if (resource === 'orders' && cancelFor !== undefined && cancelFor !== user.id) {
    return `you are user ${user.id} and cannot cancel user ${cancelFor}'s order`;
  }
  return undefined;
}

/** A 401 tells the client how to authenticate: WWW-Authenticate (RFC 6750). */
function unauthenticated(res: Response, message: string, error?: 'invalid_request' | 'invalid_token'): GrpcError {
  const challenge = error ? `Bearer realm="api-gateway", error="${error}"` : 'Bearer realm="api-gateway"';
  res.setHeader('WWW-Authenticate', challenge);
  return new GrpcError(grpc.status.UNAUTHENTICATED, message);
}

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
