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
} as const;

// Deliberately simple: something@something.tld, no spaces. Real address checks need a mail round-trip.
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

export const FIELD_RULES = {
  id: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  userId: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  productId: `a non-empty id of at most ${LIMITS.idMaxLength} characters, such as "1"`,
  name: `a non-blank string of at most ${LIMITS.nameMaxLength} characters`,
  email: 'an email address such as "ada@example.com"',
  description: `a string of at most ${LIMITS.descriptionMaxLength} characters`,
  price: `a number from 0 to ${LIMITS.maxPrice} with at most two decimals`,
  quantity: `a whole number from 1 to ${LIMITS.maxQuantity}`,
} as const;

export type RuledField = keyof typeof FIELD_RULES;

/** "quantity must be a whole number from 1 to 1000": the one wording of a broken rule. */
export function ruleMessage(field: RuledField): string {
  return `${field} must be ${FIELD_RULES[field]}`;
}

export function isValidId(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.idMaxLength;
}

export function isValidName(value: string): boolean {
  return /\S/.test(value) && [...value].length <= LIMITS.nameMaxLength;
}

const EMAIL = new RegExp(EMAIL_PATTERN); // compiled once, not per check

export function isValidEmail(value: string): boolean {
  return value.length <= LIMITS.emailMaxLength && EMAIL.test(value);
}

export function isValidDescription(value: string): boolean {
  return [...value].length <= LIMITS.descriptionMaxLength;
}

export function isValidPrice(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= LIMITS.maxPrice && hasAtMostTwoDecimals(value);
}

export function isValidQuantity(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= LIMITS.maxQuantity;
}

// 19.99 * 100 is 1998.9999999999998 in floating point, so compare with a tolerance, not ===.
export function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}
