// Checks request bodies *before* they are encoded as protobuf. protobuf would silently turn a
// quantity of 1.7 into 1, "abc" into 0 and 1e12 into a negative number; here they are a 400 that
// names the field. The rules (limits, wording) are the contract's: protos/src/rules.ts.
// Each schema is compiled once, when a request first needs it. These are the diagram's (users,
// products, orders); a later chapter keeps its own in its folder, made with compile() and FIELDS.
import Ajv, { type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';
import type { NextFunction, Request, Response } from 'express';
import {
  DESCRIPTION_PATTERN,
  EMAIL_PATTERN,
  hasAtMostTwoDecimals,
  LIMITS,
  NAME_PATTERN,
  PASSWORD_PATTERN,
  QUERY_PATTERN,
  ruleMessage,
  type RuledField,
} from '@sandbox/protos';

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

// validateSchema: false: that each schema is valid JSON Schema is checked by the tests
// (api-gateway/test/validation.test.ts), not by every gateway: it was most of a first compile's cost
const ajv = new Ajv({ allErrors: false, strict: true, validateSchema: false });
// price: at most two decimals (JSON Schema's multipleOf: 0.01 fails on 19.99 in floating point)
ajv.addKeyword({
  keyword: 'money',
  type: 'number',
  schemaType: 'boolean',
  validate: (_: boolean, value: number) => hasAtMostTwoDecimals(value),
});

/** Checks a value against its schema: true, or false with ajv's `errors`, as ajv's own check does. */
export interface Validator<T> {
  (value: unknown): value is T;
  schema: SchemaObject;
  errors?: ErrorObject[] | null;
}

// how a field that is not the contract's is worded when it breaks its rule: "expand must be …"
const wordings = new WeakMap<Validator<unknown>, Record<string, string>>();

/** A schema's check; `rules` words the fields whose rules are not the contract's. */
export function compile<T>(schema: SchemaObject, rules: Record<string, string> = {}): Validator<T> {
  // compiled on first use, not at start: compiling them all was a sixth of the gateway's start-up
  let compiled: ValidateFunction<T> | undefined;
  const validate = ((value: unknown) => {
    compiled ??= ajv.compile<T>(schema);
    const valid = compiled(value);
    validate.errors = compiled.errors;
    return valid;
  }) as Validator<T>;
  validate.schema = schema;
  wordings.set(validate, rules);
  return validate;
}

const id = { type: 'string', minLength: 1, maxLength: LIMITS.idMaxLength } as const;
const name = { type: 'string', pattern: NAME_PATTERN, maxLength: LIMITS.nameMaxLength } as const;
const email = { type: 'string', pattern: EMAIL_PATTERN, maxLength: LIMITS.emailMaxLength } as const;
const description = { type: 'string', pattern: DESCRIPTION_PATTERN, maxLength: LIMITS.descriptionMaxLength } as const;
const price = { type: 'number', minimum: 0, maximum: LIMITS.maxPrice, money: true } as const;
// exercise validation ▼
const quantity = { type: 'integer', minimum: 1, maximum: LIMITS.maxQuantity } as const;
// exercise validation ▲
const stock = { type: 'integer', minimum: 0, maximum: LIMITS.maxStock } as const;
// optional when a user is created or changed; user-service keeps only its hash
const password = {
  type: 'string',
  pattern: PASSWORD_PATTERN,
  minLength: LIMITS.passwordMinLength,
  maxLength: LIMITS.passwordMaxLength,
} as const;

/** The contract's fields, for a chapter's own schemas: an id, an email… */
export const FIELDS = { id, name, email, description, price, quantity, stock, password };

interface UserFields {
  name: string;
  email: string;
  password?: string;
}
interface ProductFields {
  name: string;
  description?: string;
  price: number;
  stock?: number;
}
interface OrderFields {
  userId: string;
  productId: string;
  quantity: number;
}
interface PageQuery {
  pageSize?: string;
  pageToken?: string;
}

// a query string's values are strings: the page size is checked as digits, then sent as a number
const paging = {
  pageSize: { type: 'string', pattern: `^\\d{1,9}$`, maxLength: 9 },
  pageToken: { type: 'string', maxLength: 100 },
} as const;

/** An object of these properties and no others; `minProperties`: at least that many of them. */
export function objectSchema(properties: Record<string, object>, required: string[], minProperties = 0) {
  return { type: 'object', properties, required, additionalProperties: false, minProperties } as const;
}

export const schemas = {
  // POST /api/users and PUT /api/users/:id
  user: compile<UserFields>(objectSchema({ name, email, password }, ['name', 'email'])),
  // PATCH /api/users/:id: any of the fields, at least one
  userChanges: compile<Partial<UserFields>>(objectSchema({ name, email, password }, [], 1)),
  // POST /api/products and PUT /api/products/:id
  product: compile<ProductFields>(objectSchema({ name, description, price, stock }, ['name', 'price'])),
  // PATCH /api/products/:id
  productChanges: compile<Partial<ProductFields>>(objectSchema({ name, description, price, stock }, [], 1)),
  // POST /api/orders: DIAGRAM step 1's body { userId: "1", productId: "1", quantity: 2 }
  order: compile<OrderFields>(
    objectSchema({ userId: id, productId: id, quantity }, ['userId', 'productId', 'quantity']),
  ),
  // GET /api/users?pageSize=10&pageToken=…: one page of a list (protos/src/paging.ts)
  userQuery: compile<PageQuery>(objectSchema(paging, [])),
  // GET /api/products?query=lap: products whose name contains "lap"
  productQuery: compile<PageQuery & { query?: string }>(
    objectSchema(
      { ...paging, query: { type: 'string', pattern: QUERY_PATTERN, maxLength: LIMITS.queryMaxLength } },
      [],
    ),
  ),
  // GET /api/orders/1?expand=user,product: the order with its user and product (../aggregation/order-parts.ts)
  orderExpand: compile<{ expand?: string }>(
    objectSchema({ expand: { type: 'string', pattern: '^(user|product)(,(user|product))?$', maxLength: 20 } }, []),
    {
      expand: '"user", "product" or "user,product"',
    },
  ),
  // GET /api/orders?userId=1
  orderQuery: compile<PageQuery & { userId?: string }>(objectSchema({ ...paging, userId: id }, [])),
};

/** A list's query string as gRPC wants it: the page size as a number, absent ones as "" and 0. */
export function pageRequest(query: PageQuery): { pageSize: number; pageToken: string } {
  return { pageSize: Number(query.pageSize ?? 0), pageToken: query.pageToken ?? '' };
}

/** Middleware: a body that breaks the schema never reaches a service. */
export function validateBody(validate: Validator<unknown>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.is('application/json')) {
      return next(new ValidationError('send the body as JSON with the header Content-Type: application/json'));
    }
    const broken = brokenText(req.body);
    if (broken) return next(broken);
    if (!validate(req.body)) return next(explain(validate.errors?.[0], validate));
    return next();
  };
}

/** Checks a query string (req.query); returns it typed. Unknown parameters are refused, like unknown fields. */
export function validateQuery<T>(validate: Validator<T>, query: unknown): T {
  return validateValues(validate, query, 'query parameter');
}

/** Checks named values against a schema; `what` they are is how the error names them: "query parameter". */
export function validateValues<T>(validate: Validator<T>, values: unknown, what: string): T {
  const broken = brokenText(values, what);
  if (broken) throw broken;
  if (!validate(values)) throw explain(validate.errors?.[0], validate, what);
  return values;
}

// Turns ajv's first error into one sentence a student can act on.
function explain(error: ErrorObject | undefined, validate: Validator<unknown>, what = 'field'): ValidationError {
  const schema = validate.schema as { properties?: object };
  const rules = wordings.get(validate) ?? {};
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
  if (Object.hasOwn(rules, field)) return new ValidationError(`${field} must be ${rules[field]}`, field);
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
      return new ValidationError(
        `${what === 'field' ? '' : `${what} `}${shorten(field)} must be text that UTF-8 can carry: it holds half a character (${code}, a lone surrogate)`,
        shorten(field),
      );
    }
  }
  return undefined;
}

// a name the client made up is repeated in the answer, but not 8 kB of it
function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}
