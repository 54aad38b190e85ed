// /api/orders → order-service (DIAGRAM: "Request routing"). POST is the diagram's "Create Order" flow.
import { Router } from 'express';
import { stepMetadata } from '@sandbox/protos';
import { withParts } from '../aggregation/order-parts';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { pageRequest, schemas, validateBody, validateQuery } from '../conversion/validation';

export function orderRoutes(clients: Clients): Router {
  const router = Router();

  router
    .route('/')
    // GET /api/orders lists every order; GET /api/orders?userId=1 lists user 1's; a page at a time.
    .get(async (req, res) => {
      const query = validateQuery(schemas.orderQuery, req.query);
      const reply = await clients.orders.ListOrders({ userId: query.userId ?? '', ...pageRequest(query) });
      res.json(reply);
    })
    // DIAGRAM step 1: POST /api/orders { userId: "1", productId: "1", quantity: 2 }
    .post(validateBody(schemas.order), async (req, res) => {
      const { userId, productId, quantity } = req.body;
      // DIAGRAM step 2: gRPC CreateOrder(userId, productId, quantity); steps 3–7 happen in order-service.
      const order = await clients.orders.CreateOrder({ userId, productId, quantity }, {}, stepMetadata('2', '2–7'));
      // DIAGRAM steps 8–9: the gRPC reply, converted to JSON, is the HTTP response.
      res.status(201).location(`/api/orders/${order.id}`).json(order);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      // ?expand=user,product embeds them: response aggregation (../aggregation/order-parts.ts)
      const { expand } = validateQuery(schemas.orderExpand, req.query);
      const order = await clients.orders.GetOrder({ id: req.params.id });
      res.json(expand ? await withParts(clients, order, expand) : order);
    })
    .all(methodNotAllowed(['GET']));

  // Lesson 17: a CONFIRMED order becomes CANCELLED, and product-service gets its stock back.
  // Cancelling twice answers the same.
  router
    .route('/:id/cancel')
    .post(async (req, res) => {
      const order = await clients.orders.CancelOrder({ id: req.params.id });
      res.json(order);
    })
    .all(methodNotAllowed(['POST']));

  return router;
}
