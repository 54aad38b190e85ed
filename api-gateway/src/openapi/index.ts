// GET /openapi.json: the REST API described in OpenAPI 3.1 (document.ts), for Postman (Import →
// Link), client generators and contract testers. GET /docs: the same document as a reference page
// you can send requests from, drawn by Swagger UI, whose files are served from node_modules here:
// nothing comes from a CDN. Plugged in by one line of app.ts, with the routes.
import { Router } from 'express';
import path from 'node:path';
import type { PlugPoints } from '../app';
import { methodNotAllowed } from '../conversion/errors';
import { openApiDocument } from './document';

const SWAGGER_UI = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const PAGE = path.join(__dirname, '..', '..', 'public', 'docs.html');

export function plugOpenApi(plugs: PlugPoints): void {
  plugs.routes.use(openApiRoutes());
}

function openApiRoutes(): Router {
  const router = Router();
  // the servers entry is this gateway as the client reached it (the Host header, checked by host-check.ts)
  router
    .route('/openapi.json')
    .get((req, res) => {
      res.json(openApiDocument(`${req.protocol}://${req.get('host')}`));
    })
    .all(methodNotAllowed(['GET']));
  router
    .route('/docs')
    .get((_req, res) => res.sendFile(PAGE))
    .all(methodNotAllowed(['GET']));
  // only the two files the page loads, not the package's demo page (which fetches from the internet)
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    router.get(`/docs/${file}`, (_req, res) => res.sendFile(path.join(SWAGGER_UI, file)));
  }
  return router;
}
