// POST /graphql (and GET for queries): the gateway's second interface, GraphQL over HTTP
// (tutorial lesson 15), served by graphql-http, the reference server of the GraphQL-over-HTTP
// specification, on graphql-js, the reference implementation of GraphQL.
//   curl -s localhost:3000/graphql -H 'content-type: application/json' \
//        -d '{"query": "{ order(id: \"1\") { totalPrice user { name } product { name } } }"}'
// A browser that opens http://localhost:3000/graphql gets a page to try queries (public/graphql.html).
//
// Errors are GraphQL's: {"data": …, "errors": [{"message", "path", "extensions": {"code"}}]}, with
// the gRPC status name as the code and the same safe messages as REST. Unlike REST's all or
// nothing (aggregation/users-orders.ts), a query answers what it could: a field whose service
// failed is null, with an error that names it by its path.
//
// Plugged in by one line of app.ts (plugGraphql), at three of its plug points: first, its error
// shape; before the routes, the page; with the routes, the API.
import type { RequestHandler, Response, Router } from 'express';
import type { PlugPoints } from '../app';
import type { Clients } from '../conversion/clients';
import { answerErrorsAs } from '../conversion/errors';
import type { Logger } from '@sandbox/protos';
import type { Access } from './schema';

// the paths whose errors are written the GraphQL way, as sent: /graphql, /graphql/…, /graphql?…,
// in any case, as Express matches them (/GraphQL)
const GRAPHQL_PATH = /^\/graphql(\/|\?|$)/i;

/** `accessOf`: what the request's user may see and do (lesson 11, app.ts passes it in). */
export function plugGraphql(
  plugs: PlugPoints,
  clients: Clients,
  log: Logger,
  accessOf: (res: Response) => Access,
): void {
  plugs.first.use(graphqlErrors);
  // the page is open to all, like the gateway's other pages: before rate limiting and auth
  plugs.beforeRoutes.use(
    '/graphql',
    onFirstRequest(async () => (await import('./http')).graphqlPage()),
  );
  plugs.routes.use(
    '/graphql',
    onFirstRequest(async () => (await import('./http')).graphqlRoutes(clients, log, accessOf)),
  );
}

/**
 * A GraphQL client reads errors the GraphQL way, even those from before GraphQL (401, 429, …):
 *   {"errors": [{"message": "…", "extensions": {"code": "UNAUTHENTICATED"}}]}
 * so from the first middleware on, every error under /graphql is written so (../conversion/errors.ts).
 */
const graphqlErrors: RequestHandler = (req, res, next) => {
  if (GRAPHQL_PATH.test(req.originalUrl))
    answerErrorsAs(res, ({ message, ...extensions }) => ({ errors: [{ message, extensions }] }));
  next();
};

/**
 * GraphQL's modules (graphql-js, graphql-http, http.ts) are loaded when the first request for
 * /graphql comes, not when the gateway starts: most sandboxes never get one, and loading them is
 * about a sixth of the gateway's start-up (BENCHMARKS.md).
 */
function onFirstRequest(build: () => Promise<Router>): RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= build();
    router.then((handle) => handle(req, res, next), next);
  };
}
