// /api/auth (tutorial lesson 11): how a client gets a token, and whose token it holds.
//   POST /api/auth/login {"email", "password"} → {"token", "expiresIn", "user"}
//   GET  /api/auth/me                          → the user the token is for, with their role
import * as grpc from '@grpc/grpc-js';
import { Router } from 'express';
import { GrpcError } from '@sandbox/protos';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { validateBody } from '../conversion/validation';
import type { LoginThrottle } from './login-throttle';
import { identityOf } from './middleware';
import { loginBody } from './schemas';
import type { TokenClaims, Tokens } from './tokens';

// user-service's answer to a wrong email or password (CheckPassword, in both implementations)
const WRONG_PASSWORD = 'wrong email or password';

export function authRoutes(clients: Clients, tokens: Tokens, throttle: LoginThrottle): Router {
  const router = Router();

  router
    .route('/login')
    .post(validateBody(loginBody), async (req, res) => {
      // five wrong passwords for one email in a minute, and it waits (login-throttle.ts)
      const attempt = throttle.begin(req.body.email, res);
      let outcome: 'wrong' | 'right' | 'unknown' = 'unknown';
      try {
        // user-service checks the password (it alone holds the hashes) and says who it is
        const { user, role, sessionKey } = await clients.users.CheckPassword({
          email: req.body.email,
          password: req.body.password,
        });
        outcome = 'right';
        const claims: TokenClaims = {
          id: user?.id ?? '',
          name: user?.name ?? '',
          role: role === 'admin' ? 'admin' : 'user',
          sessionKey,
        };
        const token = await tokens.issue(claims);
        res.json({ token, expiresIn: tokens.ttlSeconds, user: { ...user, role: claims.role } });
      } catch (error) {
        // a wrong password is user-service's own answer; any other failure (a fault injected on
        // purpose, a service down) is no verdict on the password, and counts for nothing
        if (
          error instanceof GrpcError &&
          error.code === grpc.status.UNAUTHENTICATED &&
          error.details === WRONG_PASSWORD
        )
          outcome = 'wrong';
        throw error;
      } finally {
        throttle.end(attempt, outcome);
      }
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/me')
    .get(async (_req, res) => {
      const identity = identityOf(res);
      if (!identity) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="api-gateway"');
        throw new GrpcError(
          grpc.status.UNAUTHENTICATED,
          'nobody is logged in: send Authorization: Bearer <token> (from POST /api/auth/login)',
        );
      }
      const user = await clients.users.GetUser({ id: identity.id });
      res.json({ ...user, role: identity.role });
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
