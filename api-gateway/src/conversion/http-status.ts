// gRPC status code → HTTP status code, the standard table (google.rpc code.proto, as grpc-gateway
// maps them). The gateway is the only place that speaks HTTP; services only use gRPC codes.
import { status } from '@grpc/grpc-js';

export const HTTP_STATUS: Record<status, number> = {
  [status.OK]: 200,
  // exercise status-table ▼
  [status.CANCELLED]: 499, // client closed request
  [status.UNKNOWN]: 500,
  [status.INVALID_ARGUMENT]: 400,
  [status.DEADLINE_EXCEEDED]: 504,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.PERMISSION_DENIED]: 403,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.FAILED_PRECONDITION]: 400,
  [status.ABORTED]: 409,
  [status.OUT_OF_RANGE]: 400,
  [status.UNIMPLEMENTED]: 501,
  [status.INTERNAL]: 500,
  [status.UNAVAILABLE]: 503,
  [status.DATA_LOSS]: 500,
  [status.UNAUTHENTICATED]: 401,
  // exercise status-table ▲
};

/** "NOT_FOUND" for 5: the name clients see in error bodies. */
export function codeName(code: status): string {
  return status[code] ?? 'UNKNOWN';
}

// Where the code alone is not enough: a GrpcError's reason (protos/src/errors.ts) picks the HTTP status.
export const HTTP_STATUS_OF_REASON: Record<string, number> = {
  PAYMENT_DECLINED: 402, // Payment Required: the mock card said no (order-service/src/saga/payments.ts)
};
