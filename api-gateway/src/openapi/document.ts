// GET /openapi.json: an OpenAPI 3.1 description of every REST route of the gateway (lesson 16).
// Nothing in it is written twice: the request bodies and query parameters are the very schemas
// the gateway validates with (conversion/validation.ts, and each chapter's own), and the answers'
// schemas are made from the .proto messages (from-contract.ts). Only the list of routes below is
// written here, and a test checks it against the gateway itself: each route's methods, and every
// status it documents, provoked and compared with the real answer (test/openapi.test.ts).
import { loginBody } from '../auth/schemas';
import { schemas as diagramSchemas } from '../conversion/validation';
import { eventsQuery } from '../events/schemas';
import { settingsBody } from '../settings/schemas';
import { messageSchemas, type JsonSchema } from './from-contract';

// every schema a request is validated with: the diagram's, and the chapters' routes'
const schemas = { ...diagramSchemas, login: loginBody, settings: settingsBody, eventsQuery };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Service = 'user' | 'product' | 'order';

export interface Operation {
  method: Method;
  path: string; // in OpenAPI's style: /api/users/{id}
  tag: string;
  summary: string;
  ok: { status: 200 | 201 | 204; schema?: string; description: string; eventStream?: boolean }; // eventStream: text/event-stream, not JSON
  body?: keyof typeof schemas; // the request body's schema, as validated
  query?: keyof typeof schemas; // the query parameters' schema, as validated
  calls?: Service[]; // the services it asks: each can fail (500, 503) or be too slow (504)
  errors?: number[]; // what else it can answer, besides what the above imply
  example?: { body?: object; id?: string; query?: Record<string, string> }; // a request that succeeds on a fresh sandbox
}

const ORDER_EXAMPLE = { userId: '1', productId: '1', quantity: 2 };

/** Every REST route of the gateway, grouped as the README's tables are. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/users',
    tag: 'users',
    summary: 'List users, a page at a time',
    query: 'userQuery',
    calls: ['user'],
    ok: { status: 200, schema: 'ListUsersResponse', description: 'one page of users' },
  },
  {
    method: 'post',
    path: '/api/users',
    tag: 'users',
    summary: 'Create a user (sign up: with a password, they can log in)',
    body: 'user',
    calls: ['user'],
    errors: [409],
    ok: { status: 201, schema: 'User', description: 'the new user; Location names it' },
    example: { body: { name: 'Grace', email: 'grace@example.com', password: 'grace-secret' } },
  },
  {
    method: 'get',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Get a user (with a token: your own, or any for the admin)',
    calls: ['user'],
    errors: [403, 404],
    ok: { status: 200, schema: 'User', description: 'the user' },
    example: { id: '1' },
  },
  {
    method: 'put',
    path: '/api/users/{id}',
    tag: 'users',
    summary: "Replace a user's fields",
    body: 'user',
    calls: ['user'],
    errors: [403, 404, 409],
    ok: { status: 200, schema: 'User', description: 'the user as changed' },
    example: { id: '2', body: { name: 'Jane Doe', email: 'jane@example.com' } },
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    tag: 'users',
    summary: "Change some of a user's fields",
    body: 'userChanges',
    calls: ['user'],
    errors: [403, 404, 409],
    ok: { status: 200, schema: 'User', description: 'the user as changed' },
    example: { id: '2', body: { name: 'Jane' } },
  },
  {
    method: 'delete',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Delete a user',
    calls: ['user'],
    errors: [403, 404],
    ok: { status: 204, description: 'deleted' },
    example: { id: '4' },
  },
  {
    method: 'get',
    path: '/api/users/{id}/orders',
    tag: 'aggregation',
    summary: 'A user with their orders: user-service ∥ order-service, all or nothing',
    query: 'userQuery',
    calls: ['user', 'order'],
    errors: [403, 404],
    ok: { status: 200, schema: 'UserWithOrders', description: 'the user and one page of their orders' },
    example: { id: '1' },
  },
  {
    method: 'get',
    path: '/api/products',
    tag: 'products',
    summary: 'List products, a page at a time; ?query=lap: those whose name contains it',
    query: 'productQuery',
    calls: ['product'],
    ok: { status: 200, schema: 'ListProductsResponse', description: 'one page of products' },
  },
  {
    method: 'post',
    path: '/api/products',
    tag: 'products',
    summary: 'Create a product (with AUTH: the admin only)',
    body: 'product',
    calls: ['product'],
    errors: [403],
    ok: { status: 201, schema: 'Product', description: 'the new product; Location names it' },
    example: { body: { name: 'Monitor', description: '27-inch', price: 199.99 } },
  },
  {
    method: 'get',
    path: '/api/products/{id}',
    tag: 'products',
    summary: 'Get a product (cached with CACHE_TTL_MS: x-cache HIT or MISS)',
    calls: ['product'],
    errors: [404],
    ok: { status: 200, schema: 'Product', description: 'the product' },
    example: { id: '1' },
  },
  {
    method: 'put',
    path: '/api/products/{id}',
    tag: 'products',
    summary: "Replace a product's fields",
    body: 'product',
    calls: ['product'],
    errors: [403, 404],
    ok: { status: 200, schema: 'Product', description: 'the product as changed' },
    example: { id: '2', body: { name: 'Mouse', description: 'Wireless, three buttons', price: 29 } },
  },
  {
    method: 'patch',
    path: '/api/products/{id}',
    tag: 'products',
    summary: "Change some of a product's fields",
    body: 'productChanges',
    calls: ['product'],
    errors: [403, 404],
    ok: { status: 200, schema: 'Product', description: 'the product as changed' },
    example: { id: '2', body: { price: 25 } },
  },
  {
    method: 'delete',
    path: '/api/products/{id}',
    tag: 'products',
    summary: 'Delete a product',
    calls: ['product'],
    errors: [403, 404],
    ok: { status: 204, description: 'deleted' },
    example: { id: '5' },
  },
  {
    method: 'get',
    path: '/api/orders',
    tag: 'orders',
    summary: "List orders, a page at a time; ?userId=1: user 1's (with a token: your own, or any for the admin)",
    query: 'orderQuery',
    calls: ['order'],
    errors: [403],
    ok: { status: 200, schema: 'ListOrdersResponse', description: 'one page of orders' },
  },
  {
    method: 'post',
    path: '/api/orders',
    tag: 'orders',
    summary:
      "The diagram's order (steps 1–9): CreateOrder, then GetUser ∥ GetProduct, total = price × quantity; with ORDER_SAGA=on, then reserve stock, pay, confirm (lesson 16)",
    body: 'order',
    calls: ['order'],
    errors: [402, 403, 404, 409],
    ok: { status: 201, schema: 'Order', description: 'the order, CONFIRMED; for the example, totalPrice 2000' },
    example: { body: ORDER_EXAMPLE },
  },
  {
    method: 'get',
    path: '/api/orders/{id}',
    tag: 'orders',
    summary: 'Get an order; ?expand=user,product embeds them (response aggregation, all or nothing)',
    query: 'orderExpand',
    calls: ['order', 'user', 'product'],
    errors: [403, 404],
    ok: { status: 200, schema: 'OrderWithParts', description: 'the order, with its user and product if asked' },
    example: { id: '1' },
  },
  {
    method: 'post',
    path: '/api/orders/{id}/cancel',
    tag: 'orders',
    summary:
      'Cancel a CONFIRMED order: its stock goes back when product-service hears "order.cancelled" (lesson 17); twice is harmless',
    calls: ['order'],
    errors: [400, 403, 404],
    ok: { status: 200, schema: 'Order', description: 'the order, CANCELLED' },
    example: { id: '1' },
  },
  {
    method: 'get',
    path: '/api/events',
    tag: 'events',
    summary:
      "The services' events as Server-Sent Events: order-service's WatchOrders and product-service's WatchStock, merged (lesson 18)",
    query: 'eventsQuery',
    errors: [403, 503],
    ok: {
      status: 200,
      description:
        'a stream of events: "id: 12.40", "event: order.confirmed", "data: {…}"; with follow=false it ends after the events kept',
      eventStream: true,
    },
    example: { query: { follow: 'false' } },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Log in: a token for Authorization: Bearer <token> (lesson 11)',
    body: 'login',
    calls: ['user'],
    errors: [401],
    ok: { status: 200, schema: 'Login', description: 'the token, how long it lasts, and whose it is' },
    example: { body: { email: 'john@example.com', password: 'john-secret' } },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'Whose token this is',
    calls: ['user'],
    errors: [401],
    ok: { status: 200, schema: 'Me', description: "the token's user, with their role" },
  },
  {
    method: 'get',
    path: '/health',
    tag: 'sandbox',
    summary: 'Are the three services serving? (grpc.health.v1, each asked by name)',
    errors: [503],
    ok: { status: 200, schema: 'Health', description: 'every service is SERVING' },
  },
  {
    method: 'get',
    path: '/health/live',
    tag: 'sandbox',
    summary: 'Is the gateway process up? (liveness)',
    ok: { status: 200, schema: 'Live', description: 'the gateway answers' },
  },
  {
    method: 'get',
    path: '/lab/settings',
    tag: 'sandbox',
    summary: "The switches: auth, rate limit, cache (lessons 11–13) and order-service's saga (lesson 16)",
    ok: { status: 200, schema: 'Settings', description: 'the switches now' },
  },
  {
    method: 'patch',
    path: '/lab/settings',
    tag: 'sandbox',
    summary:
      'Switch auth, the rate limit, the cache or the saga while the sandbox runs (with AUTH=required: the admin only)',
    body: 'settings',
    errors: [401, 403],
    ok: { status: 200, schema: 'Settings', description: 'the switches as changed' },
    example: { body: { cacheTtlMs: 0 } },
  },
];

// the statuses any route under /api may answer, whatever it does
const API_ERRORS = [401, 429];
const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'INVALID_ARGUMENT: the request breaks a rule; the message names the field. Or FAILED_PRECONDITION: not in a state that allows it (cancelling an order that is not CONFIRMED)',
  402: 'FAILED_PRECONDITION, reason PAYMENT_DECLINED: the mock payment said no (ORDER_SAGA=on; above 10000.00)',
  401: 'UNAUTHENTICATED: a token that is not valid, or none where AUTH=required wants one',
  403: "PERMISSION_DENIED: the token's user may not do this (only for themselves; products and the sandbox's switches: the admin); or a change sent by another site's page",
  404: 'NOT_FOUND: no such record',
  409: 'ALREADY_EXISTS: that email is taken. Or ABORTED, reason OUT_OF_STOCK: not enough stock for the order (ORDER_SAGA=on)',
  413: 'PAYLOAD_TOO_LARGE: the body is larger than BODY_LIMIT',
  429: 'RESOURCE_EXHAUSTED: more requests than RATE_LIMIT allows, or five failed logins for one email in a minute; see Retry-After',
  500: 'INTERNAL: a service failed',
  503: 'UNAVAILABLE: a service is not running, or not answering',
  504: 'DEADLINE_EXCEEDED: a service took longer than GATEWAY_DEADLINE_MS',
};

/** The statuses `operation` documents: its success, and each error it can give. */
export function statusesOf(operation: Operation): number[] {
  const statuses = new Set<number>([operation.ok.status, ...(operation.errors ?? [])]);
  if (operation.path.startsWith('/api/')) API_ERRORS.forEach((status) => statuses.add(status));
  if (operation.body) [400, 413].forEach((status) => statuses.add(status));
  if (operation.query) statuses.add(400);
  if (operation.calls) [500, 503, 504].forEach((status) => statuses.add(status));
  return [...statuses].sort();
}

// a JSON Schema for OpenAPI: ajv's own keyword "money" (at most two decimals) becomes words
function forOpenApi(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forOpenApi);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { money, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, forOpenApi(value)]));
  return money ? { ...converted, description: 'at most two decimals, e.g. 19.99' } : converted;
}

// GET /api/users/{id} → getApiUsersById: what a generated client names its method
function operationId({ method, path }: Operation): string {
  const words = path
    .replace(/\{(\w+)\}/g, 'by/$1')
    .split(/\W+/)
    .filter(Boolean);
  return method + words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

// the answers that are not a gRPC message as it is
const GATEWAY_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    description: 'every failure, from any layer: never HTML, never a stack trace',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: {
            type: 'string',
            description: 'the gRPC status name, e.g. NOT_FOUND (or METHOD_NOT_ALLOWED, PAYLOAD_TOO_LARGE)',
            pattern: '^[A-Z_]+$',
          },
          message: { type: 'string' },
          field: { type: 'string', description: 'the field or parameter at fault, for a 400' },
          reason: {
            type: 'string',
            description: 'why, when the code alone does not say: PAYMENT_DECLINED, OUT_OF_STOCK',
            pattern: '^[A-Z_]+$',
          },
        },
        required: ['code', 'message'],
        additionalProperties: false,
      },
    },
    required: ['error'],
    additionalProperties: false,
  },
  UserWithOrders: {
    type: 'object',
    properties: {
      user: ref('User'),
      orders: { type: 'array', items: ref('Order') },
      nextPageToken: { type: 'string' },
    },
    required: ['user', 'orders', 'nextPageToken'],
    additionalProperties: false,
  },
  Role: { type: 'string', enum: ['user', 'admin'] },
  Me: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: ref('Role') },
    required: ['id', 'name', 'email', 'role'],
    additionalProperties: false,
  },
  Login: {
    type: 'object',
    properties: {
      token: { type: 'string', description: 'a JWT: send it as Authorization: Bearer <token>' },
      expiresIn: { type: 'integer', description: 'seconds (TOKEN_TTL_SECONDS)' },
      user: ref('Me'),
    },
    required: ['token', 'expiresIn', 'user'],
    additionalProperties: false,
  },
  ServiceHealth: {
    type: 'object',
    properties: {
      status: {
        type: 'string',
        enum: ['SERVING', 'NOT_SERVING', 'UNKNOWN', 'SERVICE_UNKNOWN', 'NOT_FOUND', 'UNREACHABLE'],
      },
      latencyMs: { type: 'number' },
    },
    required: ['status', 'latencyMs'],
    additionalProperties: false,
  },
  Health: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['SERVING', 'NOT_SERVING'] },
      services: {
        type: 'object',
        properties: {
          'user-service': ref('ServiceHealth'),
          'product-service': ref('ServiceHealth'),
          'order-service': ref('ServiceHealth'),
        },
        required: ['user-service', 'product-service', 'order-service'],
        additionalProperties: false,
      },
      error: { $ref: '#/components/schemas/Error/properties/error' },
    },
    required: ['status', 'services'],
    additionalProperties: false,
  },
  Live: {
    type: 'object',
    properties: { status: { const: 'SERVING' } },
    required: ['status'],
    additionalProperties: false,
  },
  Settings: {
    type: 'object',
    properties: {
      auth: { type: 'string', enum: ['off', 'required'] },
      rateLimit: { type: 'string', description: '"off" or e.g. "5/min"' },
      cacheTtlMs: { type: 'integer', minimum: 0 },
      saga: { type: 'string', enum: ['off', 'on'] },
    },
    required: ['auth', 'rateLimit', 'cacheTtlMs', 'saga'],
    additionalProperties: false,
  },
};

const ERROR_HEADERS: Record<number, object> = {
  401: { 'WWW-Authenticate': { description: 'how to authenticate: Bearer (RFC 6750)', schema: { type: 'string' } } },
  429: {
    'Retry-After': { description: 'seconds until the limit allows a request again', schema: { type: 'integer' } },
    RateLimit: { description: "the IETF draft's remaining count and reset", schema: { type: 'string' } },
    'RateLimit-Policy': { description: 'the limit and its window', schema: { type: 'string' } },
  },
};

let contractSchemas: Record<string, JsonSchema> | undefined;

/** The document; `serverUrl` is where this gateway is reached (Postman and /docs send requests there). */
export function openApiDocument(serverUrl: string): object {
  // the .proto files are read once, on the first request for the document
  contractSchemas ??= messageSchemas([
    'user.User',
    'user.ListUsersResponse',
    'product.Product',
    'product.ListProductsResponse',
    'order.Order',
    'order.ListOrdersResponse',
  ]);
  const paths: Record<string, Record<string, object>> = {};
  for (const operation of OPERATIONS) {
    const parameters: object[] = [];
    if (operation.path.includes('{id}'))
      parameters.push({
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        example: operation.example?.id ?? '1',
      });
    if (operation.query) {
      const query = schemas[operation.query].schema as { properties: Record<string, object> };
      for (const [name, schema] of Object.entries(query.properties)) {
        const example = operation.example?.query?.[name];
        parameters.push({
          name,
          in: 'query',
          required: false,
          schema: forOpenApi(schema),
          ...(example === undefined ? {} : { example }),
        });
      }
    }
    const responses: Record<string, object> = {};
    for (const status of statusesOf(operation)) {
      if (status === operation.ok.status) {
        const { schema, description, eventStream } = operation.ok;
        if (eventStream)
          responses[status] = { description, content: { 'text/event-stream': { schema: { type: 'string' } } } };
        else
          responses[status] = schema
            ? { description, content: { 'application/json': { schema: ref(schema) } } }
            : { description };
      } else if (operation.path === '/health' && status === 503) {
        responses[status] = {
          description: 'a service is not SERVING; which, and why, for each',
          content: { 'application/json': { schema: ref('Health') } },
        };
      } else {
        responses[status] = { $ref: `#/components/responses/${status}` };
      }
    }
    paths[operation.path] ??= {};
    paths[operation.path][operation.method] = {
      tags: [operation.tag],
      summary: operation.summary,
      operationId: operationId(operation),
      ...(parameters.length ? { parameters } : {}),
      ...(operation.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: forOpenApi(schemas[operation.body].schema),
                  ...(operation.example?.body ? { example: operation.example.body } : {}),
                },
              },
            },
          }
        : {}),
      responses,
    };
  }

  const responses = Object.fromEntries(
    Object.entries(ERROR_DESCRIPTIONS).map(([status, description]) => [
      status,
      {
        description,
        ...(ERROR_HEADERS[Number(status)] ? { headers: ERROR_HEADERS[Number(status)] } : {}),
        content: { 'application/json': { schema: ref('Error') } },
      },
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'gRPC microservices sandbox: the API gateway',
      version: '1.0.0',
      description: [
        'The REST side of the gateway (DIAGRAM.md): HTTP/JSON here, gRPC behind.',
        "The answers are the services' gRPC messages as JSON; the request bodies are checked against these schemas before anything reaches a service.",
        "Also served, and not described here: GraphQL at /graphql (its own schema: /graphql/schema.graphql), and the lab's traces and process buttons (/traces, /lab/processes, /lab/reset: see docs/reference.md).",
      ].join('\n\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: serverUrl, description: 'this sandbox' }],
    tags: [
      { name: 'users', description: '/api/users → user-service (:50051)' },
      { name: 'products', description: '/api/products → product-service (:50052)' },
      { name: 'orders', description: '/api/orders → order-service (:50053), which asks the other two' },
      { name: 'aggregation', description: 'answers the gateway builds from several services (lesson 14)' },
      {
        name: 'events',
        description: 'what happened, as it happens: gRPC server streams as Server-Sent Events (lesson 18)',
      },
      { name: 'auth', description: 'tokens (lesson 11): optional unless AUTH=required' },
      { name: 'sandbox', description: 'health, and the lab switches' },
    ],
    // a token is optional ({}) unless the gateway runs with AUTH=required
    security: [{}, { bearer: [] }],
    paths,
    components: {
      schemas: {
        ...contractSchemas,
        // an Order, and with ?expand its user and product (aggregation/order-parts.ts)
        OrderWithParts: {
          ...contractSchemas.Order,
          description: 'an order; with ?expand=user,product, also its user and product',
          properties: { ...(contractSchemas.Order.properties as object), user: ref('User'), product: ref('Product') },
        },
        ...GATEWAY_SCHEMAS,
      },
      responses,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'from POST /api/auth/login' },
      },
    },
  };
}
