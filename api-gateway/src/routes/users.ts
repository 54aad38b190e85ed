// /api/users → user-service (DIAGRAM data flow "User Creation": Client → API Gateway → User Service).
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router } from 'express';
import type { DeleteUserResponse__Output } from '@sandbox/protos/generated/user/DeleteUserResponse';
import type { ListUsersResponse__Output } from '@sandbox/protos/generated/user/ListUsersResponse';
import type { User__Output } from '@sandbox/protos/generated/user/User';
import type { Clients, Rpc } from '../clients';
import { methodNotAllowed } from '../errors';
import { schemas, validateBody } from '../validation';

export function userRoutes({ users }: Clients, rpc: Rpc): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      const reply = await rpc<ListUsersResponse__Output>(req, 'user-service', (md, opts, done) => users.listUsers({}, md, opts, done));
      res.json(reply);
    })
    .post(validateBody(schemas.user), async (req, res) => {
      const user = await rpc<User__Output>(req, 'user-service', (md, opts, done) => users.createUser(req.body, md, opts, done));
      res.status(201).location(`/api/users/${user.id}`).json(user);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      const user = await rpc<User__Output>(req, 'user-service', (md, opts, done) => users.getUser({ id: req.params.id }, md, opts, done));
      res.json(user);
    })
    // PUT replaces every field; PATCH changes only the fields sent. Both are UpdateUser.
    .put(validateBody(schemas.user), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, email: req.body.email };
      const user = await rpc<User__Output>(req, 'user-service', (md, opts, done) => users.updateUser(changes, md, opts, done));
      res.json(user);
    })
    .patch(validateBody(schemas.userChanges), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, email: req.body.email };
      const user = await rpc<User__Output>(req, 'user-service', (md, opts, done) => users.updateUser(changes, md, opts, done));
      res.json(user);
    })
    .delete(async (req, res) => {
      await rpc<DeleteUserResponse__Output>(req, 'user-service', (md, opts, done) => users.deleteUser({ id: req.params.id }, md, opts, done));
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;
}
