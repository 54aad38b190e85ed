// x-fanout: sequential asks order-service to look up the user, *then* the product, instead of
// both at once (the default, as the diagram draws it), so the two can be compared live
// (tutorial lesson 9, npm run bench). Like the fault headers, it travels as metadata.
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';

export const FANOUT = 'x-fanout';
export type FanOutMode = 'parallel' | 'sequential';

export function parseFanOut(value: string | undefined): FanOutMode {
  if (value === undefined || value === '' || value === 'parallel') return 'parallel';
  if (value === 'sequential') return 'sequential';
  throw new GrpcError(grpc.status.INVALID_ARGUMENT, `${FANOUT} must be parallel or sequential, not "${value}"`);
}
