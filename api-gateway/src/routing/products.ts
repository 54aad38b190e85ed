// /api/products → product-service (DIAGRAM data flow "Product Creation").
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router } from 'express';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { pageRequest, schemas, validateBody, validateQuery } from '../conversion/validation';

export function productRoutes(clients: Clients): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      // one page at a time (?pageSize=10, then ?pageToken=…); ?query=lap keeps the names containing "lap"
      const query = validateQuery(schemas.productQuery, req.query);
      const reply = await clients.products.ListProducts({ ...pageRequest(query), query: query.query ?? '' });
      res.json(reply);
    })
    .post(validateBody(schemas.product), async (req, res) => {
      // stock: units that can be ordered (lesson 16); without one, a new product has 100
      const fields = {
        name: req.body.name,
        description: req.body.description ?? '',
        price: req.body.price,
        stock: req.body.stock,
      };
      const product = await clients.products.CreateProduct(fields);
      res.status(201).location(`/api/products/${product.id}`).json(product);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      // exercise rest-route ▼
      const product = await clients.products.GetProduct({ id: req.params.id });
      res.json(product);
      // exercise rest-route ▲
    })
    // PUT replaces every field (a missing description becomes ""), but the stock only if it is
    // sent: stock is a count that orders change, not a part of the description. PATCH changes
    // only the fields sent.
    .put(validateBody(schemas.product), async (req, res) => {
      const changes = {
        id: req.params.id,
        name: req.body.name,
        description: req.body.description ?? '',
        price: req.body.price,
        stock: req.body.stock,
      };
      const product = await clients.products.UpdateProduct(changes);
      res.json(product);
    })
    .patch(validateBody(schemas.productChanges), async (req, res) => {
      const changes = {
        id: req.params.id,
        name: req.body.name,
        description: req.body.description,
        price: req.body.price,
        stock: req.body.stock,
      };
      const product = await clients.products.UpdateProduct(changes);
      res.json(product);
    })
    .delete(async (req, res) => {
      await clients.products.DeleteProduct({ id: req.params.id });
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;
}
