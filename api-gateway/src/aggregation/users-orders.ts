// GET /api/users/:id/orders → the user and their orders in one answer (DIAGRAM: "Response
// aggregation"). The gateway itself asks two services at once, user-service ∥ order-service, the
// way order-service asks two for an order (steps 3a/3b): the answer takes as long as the slower.
//
// All or nothing: if either service fails, the whole answer fails, naming the service (503
// "order-service is unavailable"). A user without their orders could be mistaken for a user who
// has none; a client that wants what there is asks GET /api/users/:id on its own. GraphQL (lesson
// 15) makes the other choice: it answers what it could, with an error for each missing part.
import { Router } from 'express';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { pageRequest, schemas, validateQuery } from '../conversion/validation';

export function userOrdersRoutes(clients: Clients): Router {
  const router = Router();

  router
    .route('/users/:id/orders')
    .get(async (req, res) => {
      // the user's orders a page at a time, as GET /api/orders?userId=… (?pageSize, ?pageToken)
      const page = pageRequest(validateQuery(schemas.userQuery, req.query));
      const id = req.params.id;
      // both calls start now, in parallel; Promise.all fails as soon as either does
      // exercise aggregation ▼
      const [user, { orders, nextPageToken }] = await Promise.all([
        clients.users.GetUser({ id }),
        clients.orders.ListOrders({ userId: id, ...page }),
      ]);
      // exercise aggregation ▲
      res.json({ user, orders, nextPageToken });
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
