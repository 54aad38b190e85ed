// The HTTP side of GraphQL (lesson 15): the page for browsers, /graphql/schema.graphql, and the
// handler, graphql-http's, with errors written with the gRPC code in extensions.code. index.ts
// plugs it in.
import * as grpc from '@grpc/grpc-js';
import { Router, type RequestHandler, type Response } from 'express';
import { buildSchema, GraphQLError, parse, printSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/express';
import path from 'node:path';
import { GrpcError, type Logger } from '@sandbox/protos';
import type { Clients } from '../conversion/clients';
import { methodNotAllowed } from '../conversion/errors';
import { codeName } from '../conversion/http-status';
import { ValidationError } from '../conversion/validation';
import { QUERY_LIMITS, queryLimits } from './limits';
import { createLoaders } from './loaders';
import { graphqlSchema, TYPE_DEFS, type Access, type Context } from './schema';

// graphql-js's words when a query passes maxTokens
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;
const PAGE = path.join(__dirname, '..', '..', 'public', 'graphql.html');

/**
 * The pages, open to all like the gateway's other pages (mounted before auth): a person with a
 * browser gets the page to try queries in at /graphql; a GraphQL client goes on to the API.
 */
export function graphqlPage(): Router {
  const router = Router();
  router.get('/', (req, res, next) => {
    if (
      req.query.query === undefined &&
      req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html'
    ) {
      return res.sendFile(PAGE);
    }
    return next();
  });
  // the schema in GraphQL's own language, for reading (the page shows it)
  const schema = printSchema(buildSchema(TYPE_DEFS));
  router
    .route('/schema.graphql')
    .get((_req, res) => {
      res.type('text/plain').send(schema);
    })
    .all(methodNotAllowed(['GET']));
  return router;
}

/** `accessOf`: what the request's user may see and do (lesson 11), asked by the resolvers. */
export function graphqlRoutes(clients: Clients, log: Logger, accessOf: (res: Response) => Access): Router {
  const schema = graphqlSchema(clients);
  const router = Router();

  const answer = createHandler<Context>({
    schema,
    parse: (source) => parse(source, { maxTokens: QUERY_LIMITS.tokens }),
    // graphql-js's own rules, then the limits, which read a pageSize sent as a variable too
    validationRules: (_req, args, specifiedRules) => [
      ...specifiedRules,
      (context) => queryLimits(context, args.variableValues ?? {}),
    ],
    // each request gets its own loaders (loaders.ts), and what its user may see (lesson 11)
    context: (req) => ({ loaders: createLoaders(clients), access: accessOf(req.context.res) }),
    formatError: (error) => safeError(error, log),
  });
  router
    .route('/')
    .get(answer)
    .post(jsonOnly, answer)
    .all(methodNotAllowed(['GET', 'POST']));
  return router;
}

// graphql-http answers a POST that is not JSON with an empty 415; this one says what to send
const jsonOnly: RequestHandler = (req, _res, next) => {
  if (req.is('application/json')) return next();
  return next(
    new GrpcError(
      grpc.status.INVALID_ARGUMENT,
      'send the query as JSON, {"query": "{ … }"}, with the header Content-Type: application/json',
    ),
  );
};

/** Every error a client sees: its GraphQL position kept, its message safe, its code named. */
function safeError(error: Readonly<GraphQLError | Error>, log: Logger): GraphQLError {
  // the request itself could not be read ("Missing query", "Invalid variables"…): safe to repeat
  if (!(error instanceof GraphQLError))
    return new GraphQLError(`the request could not be read: ${error.message}`, {
      extensions: { code: 'INVALID_ARGUMENT' },
    });
  const where = { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path };
  const original = error.originalError;
  // a service's answer (NOT_FOUND, UNAVAILABLE…), as REST's error body would say it
  if (original instanceof GrpcError)
    return new GraphQLError(original.details, {
      ...where,
      extensions: { code: codeName(original.code), ...(original.reason ? { reason: original.reason } : {}) },
    });
  // a mutation's argument broke the same rule a REST body would (validation.ts)
  if (original instanceof ValidationError) {
    return new GraphQLError(original.message, {
      ...where,
      extensions: { code: 'INVALID_ARGUMENT', ...(original.field ? { field: original.field } : {}) },
    });
  }
  if (original && !(original instanceof GraphQLError)) {
    log.error({ err: original, path: error.path }, 'unexpected error in a GraphQL resolver');
    return new GraphQLError('internal error', { ...where, extensions: { code: 'INTERNAL' } });
  }
  if (TOO_MANY_TOKENS.test(error.message)) {
    return new GraphQLError(
      `the query is longer than ${QUERY_LIMITS.tokens} tokens (names, braces, …); ask for less in one query`,
      { extensions: { code: 'QUERY_TOO_LARGE' } },
    );
  }
  // graphql-js's own: a syntax error, or a query the schema does not allow (or a limit, limits.ts)
  const code =
    error.extensions.code ??
    (error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED');
  return new GraphQLError(error.message, { ...where, extensions: { ...error.extensions, code } });
}
