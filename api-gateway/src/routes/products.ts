// /api/products → product-service (DIAGRAM data flow "Product Creation").
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router } from 'express';
import type { Rpc } from '../clients';
import { methodNotAllowed } from '../errors';
import { pageRequest, schemas, validateBody, validateQuery } from '../validation';

export function productRoutes(rpc: Rpc): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      // one page at a time (?pageSize=10, then ?pageToken=…); ?query=lap keeps the names containing "lap"
      const query = validateQuery(schemas.productQuery, req.query);
      const reply = await rpc(req, 'product-service', 'ListProducts', { ...pageRequest(query), query: query.query ?? '' });
      res.json(reply);
    })
    .post(validateBody(schemas.product), async (req, res) => {
      const fields = { name: req.body.name, description: req.body.description ?? '', price: req.body.price };
      const product = await rpc(req, 'product-service', 'CreateProduct', fields);
      res.status(201).location(`/api/products/${product.id}`).json(product);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      const product = await rpc(req, 'product-service', 'GetProduct', { id: req.params.id });
      res.json(product);
    })
    // PUT replaces every field (a missing description becomes ""); PATCH changes only the fields sent.
    .put(validateBody(schemas.product), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, description: req.body.description ?? '', price: req.body.price };
      const product = await rpc(req, 'product-service', 'UpdateProduct', changes);
      res.json(product);
    })
    .patch(validateBody(schemas.productChanges), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, description: req.body.description, price: req.body.price };
      const product = await rpc(req, 'product-service', 'UpdateProduct', changes);
      res.json(product);
    })
    .delete(async (req, res) => {
      await rpc(req, 'product-service', 'DeleteProduct', { id: req.params.id });
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;
}
