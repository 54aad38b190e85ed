// Errors a handler means to send. Inside the services every failure is a gRPC status code with a
// message that is safe to show a client; only the gateway turns codes into HTTP statuses.
import { status } from '@grpc/grpc-js';
import { ruleMessage, type RuledField } from './rules';

export class GrpcError extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
  ) {
    super(details);
    this.name = 'GrpcError';
  }
}

export const notFound = (details: string) => new GrpcError(status.NOT_FOUND, details);
export const alreadyExists = (details: string) => new GrpcError(status.ALREADY_EXISTS, details);
export const invalidArgument = (field: RuledField) => new GrpcError(status.INVALID_ARGUMENT, ruleMessage(field));

/** Throws INVALID_ARGUMENT naming the field when a rule from rules.ts is broken. */
export function requireValid(field: RuledField, valid: boolean): void {
  if (!valid) throw invalidArgument(field);
}
