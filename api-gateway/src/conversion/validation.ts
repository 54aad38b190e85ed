// Checks request bodies *before* they are encoded as protobuf. protobuf would silently turn a
// quantity of 1.7 into 1, "abc" into 0 and 1e12 into a negative number; here they are a 400 that
// names the field. The rules (limits, wording) are the contract's: protos/src/rules.ts.
// Schemas are compiled once, when the gateway starts.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { NextFunction, Request, Response } from 'express';
import { DESCRIPTION_PATTERN, EMAIL_PATTERN, hasAtMostTwoDecimals, LIMITS, NAME_PATTERN, PASSWORD_PATTERN, QUERY_PATTERN, ruleMessage, type RuledField } from '@sandbox/protos';

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const ajv = new Ajv({ allErrors: false, strict: true });
// price: at most two decimals (JSON Schema's multipleOf: 0.01 fails on 19.99 in floating point)
ajv.addKeyword({ keyword: 'money', type: 'number', schemaType: 'boolean', validate: (_: boolean, value: number) => hasAtMostTwoDecimals(value) });

const id = { type: 'string', minLength: 1, maxLength: LIMITS.idMaxLength } as const;
const name = { type: 'string', pattern: NAME_PATTERN, maxLength: LIMITS.nameMaxLength } as const;
const email = { type: 'string', pattern: EMAIL_PATTERN, maxLength: LIMITS.emailMaxLength } as const;
const description = { type: 'string', pattern: DESCRIPTION_PATTERN, maxLength: LIMITS.descriptionMaxLength } as const;
const price = { type: 'number', minimum: 0, maximum: LIMITS.maxPrice, money: true } as const;
const quantity = { type: 'integer', minimum: 1, maximum: LIMITS.maxQuantity } as const;
const stock = { type: 'integer', minimum: 0, maximum: LIMITS.maxStock } as const;
// optional when a user is created or changed (lesson 11): without one a user cannot log in
const password = { type: 'string', pattern: PASSWORD_PATTERN, minLength: LIMITS.passwordMinLength, maxLength: LIMITS.passwordMaxLength } as const;
// at login any string is tried: a wrong one is a 401 like any other wrong password
const loginPassword = { type: 'string', minLength: 1, maxLength: LIMITS.passwordMaxLength } as const;

interface UserFields { name: string; email: string; password?: string }
interface ProductFields { name: string; description?: string; price: number; stock?: number }
interface OrderFields { userId: string; productId: string; quantity: number }
interface PageQuery { pageSize?: string; pageToken?: string }

// a query string's values are strings: the page size is checked as digits, then sent as a number
const paging = {
  pageSize: { type: 'string', pattern: `^\\d{1,9}$`, maxLength: 9 },
  pageToken: { type: 'string', maxLength: 100 },
} as const;

function objectSchema(properties: Record<string, object>, required: string[], minProperties = 0) {
  return { type: 'object', properties, required, additionalProperties: false, minProperties } as const;
}

export const schemas = {
  // POST /api/users and PUT /api/users/:id
  user: ajv.compile<UserFields>(objectSchema({ name, email, password }, ['name', 'email'])),
  // PATCH /api/users/:id: any of the fields, at least one
  userChanges: ajv.compile<Partial<UserFields>>(objectSchema({ name, email, password }, [], 1)),
  // POST /api/auth/login (lesson 11)
  login: ajv.compile<{ email: string; password: string }>(objectSchema({ email, password: loginPassword }, ['email', 'password'])),
  // PATCH /lab/settings: the "Future" switches (future/switches.ts checks the values)
  settings: ajv.compile<{ auth?: string; rateLimit?: string; cacheTtlMs?: number; saga?: string }>(
    objectSchema({ auth: { type: 'string', maxLength: 100 }, rateLimit: { type: 'string', maxLength: 100 }, cacheTtlMs: { type: 'integer' }, saga: { type: 'string', maxLength: 100 } }, [], 1),
  ),
  // POST /api/products and PUT /api/products/:id
  product: ajv.compile<ProductFields>(objectSchema({ name, description, price, stock }, ['name', 'price'])),
  // PATCH /api/products/:id
  productChanges: ajv.compile<Partial<ProductFields>>(objectSchema({ name, description, price, stock }, [], 1)),
  // POST /api/orders: DIAGRAM step 1's body { userId: "1", productId: "1", quantity: 2 }
  order: ajv.compile<OrderFields>(objectSchema({ userId: id, productId: id, quantity }, ['userId', 'productId', 'quantity'])),
  // GET /api/users?pageSize=10&pageToken=…: one page of a list (protos/src/paging.ts)
  userQuery: ajv.compile<PageQuery>(objectSchema(paging, [])),
  // GET /api/products?query=lap: products whose name contains "lap"
  productQuery: ajv.compile<PageQuery & { query?: string }>(objectSchema({ ...paging, query: { type: 'string', pattern: QUERY_PATTERN, maxLength: LIMITS.queryMaxLength } }, [])),
  // GET /api/orders/1?expand=user,product: the order with its user and product (../aggregation/order-parts.ts)
  orderExpand: ajv.compile<{ expand?: string }>(objectSchema({ expand: { type: 'string', pattern: '^(user|product)(,(user|product))?$', maxLength: 20 } }, [])),
  // GET /api/events?after=12.40: resume after the events seen (../routing/events.ts)
  eventsQuery: ajv.compile<{ after?: string; follow?: string; userId?: string }>(
    objectSchema({ after: { type: 'string', pattern: '^\\d{1,9}\\.\\d{1,9}$', maxLength: 19 }, follow: { type: 'string', enum: ['true', 'false'] }, userId: id }, []),
  ),
  // GET /api/orders?userId=1
  orderQuery: ajv.compile<PageQuery & { userId?: string }>(objectSchema({ ...paging, userId: id }, [])),
};

/** A list's query string as gRPC wants it: the page size as a number, absent ones as "" and 0. */
export function pageRequest(query: PageQuery): { pageSize: number; pageToken: string } {
  return { pageSize: Number(query.pageSize ?? 0), pageToken: query.pageToken ?? '' };
}

type Validator = (typeof schemas)[keyof typeof schemas];

/** Middleware: a body that breaks the schema never reaches a service. */
export function validateBody(validate: Validator) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.is('application/json')) {
      return next(new ValidationError('send the body as JSON with the header Content-Type: application/json'));
    }
    const broken = brokenText(req.body);
    if (broken) return next(broken);
    if (!validate(req.body)) return next(explain(validate.errors?.[0], validate.schema as { properties?: object }));
    return next();
  };
}

/** Checks a query string (req.query); returns it typed. Unknown parameters are refused, like unknown fields. */
export function validateQuery<T>(validate: ValidateFunction<T>, query: unknown): T {
  const broken = brokenText(query, 'query parameter');
  if (broken) throw broken;
  if (!validate(query)) throw explain(validate.errors?.[0], validate.schema as { properties?: object }, 'query parameter');
  return query;
}

/** Checks a GraphQL mutation's arguments with the same schema as the REST body (../graphql). */
export function validateArgs<T>(validate: ValidateFunction<T>, args: object): T {
  // GraphQL leaves an optional argument out, or sends null for it: both mean "not given"
  const given = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
  const broken = brokenText(given, 'argument');
  if (broken) throw broken;
  if (!validate(given)) throw explain(validate.errors?.[0], validate.schema as { properties?: object }, 'argument');
  return given as T;
}

// the rules of fields that are not the contract's: the "Future" switches of PATCH /lab/settings
// (future/switches.ts words the values' own rules), and an order's ?expand
const GATEWAY_RULES: Record<string, string> = {
  expand: '"user", "product" or "user,product"',
  after: 'the id of the last event seen, two whole numbers such as "12.40" (order-service\'s sequence, then product-service\'s)',
  follow: '"true" (the default: keep the stream open) or "false" (the events so far, then the end)',
  auth: '"off" or "required"',
  rateLimit: '"off" or a limit such as "5/min"',
  cacheTtlMs: 'a whole number of milliseconds (0: off)',
  saga: '"off" or "on"',
};

// Turns ajv's first error into one sentence a student can act on.
function explain(error: ErrorObject | undefined, schema: { properties?: object }, what = 'field'): ValidationError {
  const fields = Object.keys(schema.properties ?? {}).join(', ');
  if (!error) return new ValidationError('invalid request');
  if (error.keyword === 'required') {
    const field = (error.params as { missingProperty: string }).missingProperty;
    return new ValidationError(`${field} is required`, field);
  }
  if (error.keyword === 'additionalProperties') {
    const field = shorten((error.params as { additionalProperty: string }).additionalProperty);
    return new ValidationError(`unknown ${what} "${field}"; the ${what}s are: ${fields}`, field);
  }
  if (error.keyword === 'minProperties') return new ValidationError(`send at least one of: ${fields}`);
  const field = error.instancePath.split('/')[1];
  if (!field) return new ValidationError('the body must be a JSON object, like {"name": "…"}');
  if (field in GATEWAY_RULES) return new ValidationError(`${field} must be ${GATEWAY_RULES[field]}`, field);
  return new ValidationError(ruleMessage(field as RuledField), field);
}

// Half of a character: JSON can carry "\ud800" alone, but UTF-8, and so protobuf, cannot; it
// would be stored as "\ufffd", changed without a word. Refused instead, naming the field.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function brokenText(values: unknown, what = 'field'): ValidationError | undefined {
  if (!values || typeof values !== 'object') return undefined;
  for (const [field, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    const half = LONE_SURROGATE.exec(value)?.[0];
    if (half) {
      const code = `U+${half.charCodeAt(0).toString(16).toUpperCase()}`;
      return new ValidationError(`${what === 'field' ? '' : `${what} `}${shorten(field)} must be text that UTF-8 can carry: it holds half a character (${code}, a lone surrogate)`, shorten(field));
    }
  }
  return undefined;
}

// a name the client made up is repeated in the answer, but not 8 kB of it
function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}
