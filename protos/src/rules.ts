// The contract's rules for field values: what a valid name, email, price or quantity is.
// protobuf cannot say "quantity is 1 to 1000", so the rules live here, next to the .proto files,
// and both sides apply them: the gateway before it encodes a request (api-gateway/src/validation.ts)
// and each service on what it receives (its handlers.ts), because grpcurl and Postman can call a
// service directly. One list of rules means one wording of every error.

export const LIMITS = {
  nameMaxLength: 100,
  descriptionMaxLength: 1000,
  emailMaxLength: 254,
  idMaxLength: 64,
  maxPrice: 1_000_000,
  maxQuantity: 1000,
  // units of a product in stock (lesson 16); a new product without a stock gets defaultStock
  maxStock: 1_000_000,
  defaultStock: 100,
  // lists come in pages (protos/src/paging.ts): no reply can outgrow gRPC's 4 MB message limit
  defaultPageSize: 50,
  maxPageSize: 100,
  queryMaxLength: 100,
  // a password is hashed (user-service/src/passwords.ts), never stored: any length works, within reason
  passwordMinLength: 8,
  passwordMaxLength: 128,
} as const;

// The patterns are JSON Schema's (the gateway's validation.ts uses them too), read with the `u` flag.
// Control characters (newline, tab, ESC, NUL, …) have no place in a name or an email: printed in a
// log or a terminal they could forge a log line or recolour the screen. A description may span
// lines, but holds no other control character.
// Deliberately simple: something@something.tld, no spaces. Real address checks need a mail round-trip.
export const EMAIL_PATTERN = '^[^\\s@\\p{Cc}]+@[^\\s@\\p{Cc}]+\\.[^\\s@\\p{Cc}]+$';
// something that is not white space, and no control characters
export const NAME_PATTERN = '^[^\\p{Cc}]*[^\\s\\p{Cc}][^\\p{Cc}]*$';
export const DESCRIPTION_PATTERN = '^(?:[^\\p{Cc}]|\\n)*$';
export const QUERY_PATTERN = '^[^\\p{Cc}]*$';
// any characters but control characters, which no keyboard types
export const PASSWORD_PATTERN = '^[^\\p{Cc}]*$';

export const FIELD_RULES = {
  id: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  userId: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  productId: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  name: `a non-blank string of at most ${LIMITS.nameMaxLength} characters, without control characters such as newlines`,
  email: 'an email address such as "ada@example.com"',
  description: `a string of at most ${LIMITS.descriptionMaxLength} characters, without control characters other than newlines`,
  price: `a number from 0 to ${LIMITS.maxPrice} with at most two decimals`,
  quantity: `a whole number from 1 to ${LIMITS.maxQuantity}`,
  stock: `a whole number from 0 to ${LIMITS.maxStock}`,
  orderId: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  pageSize: `a whole number (0 means ${LIMITS.defaultPageSize}; more than ${LIMITS.maxPageSize} means ${LIMITS.maxPageSize})`,
  pageToken: 'the nextPageToken of an earlier page, unchanged',
  query: `a string of at most ${LIMITS.queryMaxLength} characters, without control characters`,
  password: `a string of ${LIMITS.passwordMinLength} to ${LIMITS.passwordMaxLength} characters, without control characters`,
} as const;

export type RuledField = keyof typeof FIELD_RULES;

/** "quantity must be a whole number from 1 to 1000": the one wording of a broken rule. */
export function ruleMessage(field: RuledField): string {
  return `${field} must be ${FIELD_RULES[field]}`;
}

export function isValidId(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.idMaxLength;
}

// compiled once, not per check
const NAME = new RegExp(NAME_PATTERN, 'u');
const EMAIL = new RegExp(EMAIL_PATTERN, 'u');
const DESCRIPTION = new RegExp(DESCRIPTION_PATTERN, 'u');
const QUERY = new RegExp(QUERY_PATTERN, 'u');
const PASSWORD = new RegExp(PASSWORD_PATTERN, 'u');

export function isValidName(value: string): boolean {
  return NAME.test(value) && [...value].length <= LIMITS.nameMaxLength;
}

export function isValidEmail(value: string): boolean {
  return value.length <= LIMITS.emailMaxLength && EMAIL.test(value);
}

export function isValidDescription(value: string): boolean {
  return DESCRIPTION.test(value) && [...value].length <= LIMITS.descriptionMaxLength;
}

export function isValidQuery(value: string): boolean {
  return QUERY.test(value) && [...value].length <= LIMITS.queryMaxLength;
}

export function isValidPassword(value: string): boolean {
  const length = [...value].length;
  return PASSWORD.test(value) && length >= LIMITS.passwordMinLength && length <= LIMITS.passwordMaxLength;
}

export function isValidPageSize(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1; // above the maximum means the maximum (AIP-158)
}

export function isValidPrice(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= LIMITS.maxPrice && hasAtMostTwoDecimals(value);
}

export function isValidStock(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= LIMITS.maxStock;
}

export function isValidQuantity(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= LIMITS.maxQuantity;
}

// True when the number, as JSON or JavaScript writes it, has at most two decimals: 19.99 yes;
// 19.990000001 and 0.30000000000000004 no. (19.99 * 100 is 1998.9999999999998 in floating point, so
// round to whole cents and compare the number that gives back with the one sent.) So the price
// stored is exactly the price an order charges (order-service/src/pricing.ts works in cents).
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.round(value * 100) / 100 === value;
}
