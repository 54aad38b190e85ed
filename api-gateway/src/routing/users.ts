// /api/users → user-service (DIAGRAM data flow "User Creation": Client → API Gateway → User Service).
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router, type Request, type Response } from 'express';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { pageRequest, schemas, validateBody, validateQuery } from '../conversion/validation';

export function userRoutes(clients: Clients): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      // one page at a time: ?pageSize=10, then ?pageToken=<the nextPageToken of the page before>
      const page = pageRequest(validateQuery(schemas.userQuery, req.query));
      const reply = await clients.users.ListUsers(page);
      res.json(reply);
    })
    .post(validateBody(schemas.user), async (req, res) => {
      const user = await clients.users.CreateUser(req.body);
      res.status(201).location(`/api/users/${user.id}`).json(user);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      const user = await clients.users.GetUser({ id: req.params.id });
      res.json(user);
    })
    // PUT replaces every field (its body must have them all); PATCH changes only the fields sent.
    // Both are UpdateUser.
    .put(validateBody(schemas.user), update)
    .patch(validateBody(schemas.userChanges), update)
    .delete(async (req, res) => {
      await clients.users.DeleteUser({ id: req.params.id });
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;

  async function update(req: Request, res: Response): Promise<void> {
    const changes = {
      id: req.params.id as string,
      name: req.body.name,
      email: req.body.email,
      password: req.body.password,
    };
    const user = await clients.users.UpdateUser(changes);
    res.json(user);
  }
}
