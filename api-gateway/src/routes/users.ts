// /api/users → user-service (DIAGRAM data flow "User Creation": Client → API Gateway → User Service).
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router } from 'express';
import type { Rpc } from '../clients';
import { methodNotAllowed } from '../errors';
import { pageRequest, schemas, validateBody, validateQuery } from '../validation';

export function userRoutes(rpc: Rpc): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      // one page at a time: ?pageSize=10, then ?pageToken=<the nextPageToken of the page before>
      const page = pageRequest(validateQuery(schemas.userQuery, req.query));
      const reply = await rpc(req, 'user-service', 'ListUsers', page);
      res.json(reply);
    })
    .post(validateBody(schemas.user), async (req, res) => {
      const user = await rpc(req, 'user-service', 'CreateUser', req.body);
      res.status(201).location(`/api/users/${user.id}`).json(user);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      const user = await rpc(req, 'user-service', 'GetUser', { id: req.params.id });
      res.json(user);
    })
    // PUT replaces every field; PATCH changes only the fields sent. Both are UpdateUser.
    .put(validateBody(schemas.user), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, email: req.body.email };
      const user = await rpc(req, 'user-service', 'UpdateUser', changes);
      res.json(user);
    })
    .patch(validateBody(schemas.userChanges), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, email: req.body.email };
      const user = await rpc(req, 'user-service', 'UpdateUser', changes);
      res.json(user);
    })
    .delete(async (req, res) => {
      await rpc(req, 'user-service', 'DeleteUser', { id: req.params.id });
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;
}
