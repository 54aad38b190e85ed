// /api/products → product-service (DIAGRAM data flow "Product Creation").
// Each route: read the request, validate it, call one RPC, send the reply as JSON.
import { Router } from 'express';
import type { DeleteProductResponse__Output } from '@sandbox/protos/generated/product/DeleteProductResponse';
import type { ListProductsResponse__Output } from '@sandbox/protos/generated/product/ListProductsResponse';
import type { Product__Output } from '@sandbox/protos/generated/product/Product';
import type { Clients, Rpc } from '../clients';
import { methodNotAllowed } from '../errors';
import { schemas, validateBody } from '../validation';

export function productRoutes({ products }: Clients, rpc: Rpc): Router {
  const router = Router();

  router
    .route('/')
    .get(async (req, res) => {
      const reply = await rpc<ListProductsResponse__Output>(req, 'product-service', (md, opts, done) => products.listProducts({}, md, opts, done));
      res.json(reply);
    })
    .post(validateBody(schemas.product), async (req, res) => {
      const fields = { name: req.body.name, description: req.body.description ?? '', price: req.body.price };
      const product = await rpc<Product__Output>(req, 'product-service', (md, opts, done) => products.createProduct(fields, md, opts, done));
      res.status(201).location(`/api/products/${product.id}`).json(product);
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(async (req, res) => {
      const product = await rpc<Product__Output>(req, 'product-service', (md, opts, done) => products.getProduct({ id: req.params.id }, md, opts, done));
      res.json(product);
    })
    // PUT replaces every field (a missing description becomes ""); PATCH changes only the fields sent.
    .put(validateBody(schemas.product), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, description: req.body.description ?? '', price: req.body.price };
      const product = await rpc<Product__Output>(req, 'product-service', (md, opts, done) => products.updateProduct(changes, md, opts, done));
      res.json(product);
    })
    .patch(validateBody(schemas.productChanges), async (req, res) => {
      const changes = { id: req.params.id, name: req.body.name, description: req.body.description, price: req.body.price };
      const product = await rpc<Product__Output>(req, 'product-service', (md, opts, done) => products.updateProduct(changes, md, opts, done));
      res.json(product);
    })
    .delete(async (req, res) => {
      await rpc<DeleteProductResponse__Output>(req, 'product-service', (md, opts, done) => products.deleteProduct({ id: req.params.id }, md, opts, done));
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PUT', 'PATCH', 'DELETE']));

  return router;
}
