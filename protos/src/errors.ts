// Errors a handler means to send. Inside the services every failure is a gRPC status code with a
// message that is safe to show a client; only the gateway turns codes into HTTP statuses.
import * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { ruleMessage, type RuledField } from './rules';

export class GrpcError extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
    // why, in a word a program can test, when the code alone does not say (as google.rpc.ErrorInfo's
    // reason): "PAYMENT_DECLINED". Travels in the x-error-reason trailer.
    readonly reason?: string,
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

/** The trailer every answer of our services carries (server.ts's unary()). */
export const SERVED_BY_TRAILER = 'x-served-by';
/** A GrpcError's reason, if it has one. */
export const REASON_TRAILER = 'x-error-reason';

/**
 * Turns a failed call to `service` into an error that is safe to pass on to our own caller.
 * A status our service sent (it carries the x-served-by trailer) is passed on as it is: its
 * message was written for clients ("user 42 not found"). A status grpc-js made up on this side
 * keeps its code, but its words may name internal addresses, so they are replaced by words that
 * name the service instead ("user-service is unavailable").
 */
export function toSafeError(error: unknown, service: string): GrpcError {
  if (error instanceof GrpcError) return error; // ours already, safe by construction
  if (!isServiceError(error)) return new GrpcError(status.INTERNAL, 'internal error');
  if (error.metadata?.get(SERVED_BY_TRAILER).length) {
    const [reason] = error.metadata.get(REASON_TRAILER);
    return new GrpcError(error.code, error.details, reason === undefined ? undefined : String(reason));
  }
  switch (error.code) {
    case status.DEADLINE_EXCEEDED:
      return new GrpcError(status.DEADLINE_EXCEEDED, `${service} did not answer before the deadline`);
    case status.RESOURCE_EXHAUSTED:
      // e.g. a message over gRPC's size limit (4 MB): not an outage, so not reported as one
      return new GrpcError(
        status.RESOURCE_EXHAUSTED,
        `the call to ${service} was refused: a message was larger than gRPC allows`,
      );
    case status.UNAVAILABLE:
    case status.CANCELLED:
    case status.INTERNAL:
      // refused, reset or dropped connections (grpc-js says UNAVAILABLE, CANCELLED or INTERNAL):
      // the service is down, or went down in the middle of the call
      return new GrpcError(status.UNAVAILABLE, `${service} is unavailable`);
    default:
      return new GrpcError(error.code, `the call to ${service} failed with ${status[error.code] ?? 'UNKNOWN'}`);
  }
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as grpc.ServiceError).code === 'number' && 'details' in error;
}
