// The baseline of `npm run bench`: the least an HTTP → gRPC gateway can do. One Express route that
// makes the same one gRPC call as the gateway's GET /api/products/:id, and nothing else: no
// validation, no tracing, no logging, no error mapping. The benchmark runs it beside the real
// gateway, so the cost of what the gateway adds shows as a ratio.
import express from 'express';
import * as grpc from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, deadlineIn, loadContract } from '../protos/src';

const port = Number(process.env.BASELINE_PORT ?? 3999);
const products = new (loadContract().product.ProductService)(
  process.env.PRODUCT_SERVICE_ADDR ?? 'localhost:50052',
  grpc.credentials.createInsecure(),
  CHANNEL_OPTIONS,
);

const app = express();
app.get('/api/products/:id', (req, res) => {
  products.getProduct({ id: req.params.id }, { deadline: deadlineIn(2000) }, (error, product) => {
    if (error) res.status(503).json({ error: error.code });
    else res.json(product);
  });
});
const server = app.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
