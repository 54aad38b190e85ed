// What every gRPC *client* in the sandbox shares: channel options and a promise-returning call.
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from './errors';

export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  // channelz keeps call counts and timestamps for a debugging service the sandbox does not run;
  // without it each call costs a little less (npm run bench)
  'grpc.enable_channelz': 0,
  // grpc-js waits 1 s, then up to 120 s, before reconnecting to a stopped service; a student who
  // restarts one would see it "still down" for a long time. Retry fast: this is loopback, so a
  // service started again is reached within a quarter of a second (the launcher waits that long
  // after `npm run sandbox -- start`: scripts/control.js).
  'grpc.initial_reconnect_backoff_ms': 50,
  'grpc.max_reconnect_backoff_ms': 250,
  // spread calls over every address the name resolves to: a service scaled to 3 replicas (docker
  // compose --scale, or a Kubernetes headless Service) gets a third of the calls each. The default,
  // pick_first, would send every call to the first replica for the life of the connection.
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};

/** A deadline `ms` from now: every outgoing call has one, so no call can hang forever. */
export function deadlineIn(ms: number): Date {
  return new Date(Date.now() + ms);
}


/**
 * Runs one unary call and returns its answer as a promise. Usage:
 *   const user = await unaryCall<User__Output>((done) => users.getUser({ id }, metadata, options, done));
 */
export function unaryCall<Response>(
  start: (done: (error: grpc.ServiceError | null, response?: Response) => void) => grpc.ClientUnaryCall,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    start((error, response) => (error ? reject(error) : resolve(response as Response)));
  });
}

/** The trailer our services put on every answer (protos/src/server.ts). */
export const SERVED_BY_TRAILER = 'x-served-by';

/**
 * Turns a failed call to `service` into an error that is safe to pass on to our own caller.
 * A status our service sent (it carries the x-served-by trailer) is passed on as it is: its
 * message was written for clients ("user 42 not found"). A status grpc-js made up on this side
 * keeps its code, but its words may name internal addresses, so they are replaced by words that
 * name the service instead ("user-service is unavailable").
 */
export function toSafeError(error: unknown, service: string): GrpcError {
  if (error instanceof GrpcError) return error; // ours already, safe by construction
  if (!isServiceError(error)) return new GrpcError(grpc.status.INTERNAL, 'internal error');
  if (error.metadata?.get(SERVED_BY_TRAILER).length) return new GrpcError(error.code, error.details);
  switch (error.code) {
    case grpc.status.DEADLINE_EXCEEDED:
      return new GrpcError(grpc.status.DEADLINE_EXCEEDED, `${service} did not answer before the deadline`);
    case grpc.status.RESOURCE_EXHAUSTED:
      // e.g. a message over gRPC's size limit (4 MB): not an outage, so not reported as one
      return new GrpcError(grpc.status.RESOURCE_EXHAUSTED, `the call to ${service} was refused: a message was larger than gRPC allows`);
    case grpc.status.UNAVAILABLE:
    case grpc.status.CANCELLED:
    case grpc.status.INTERNAL:
      // refused, reset or dropped connections (grpc-js says UNAVAILABLE, CANCELLED or INTERNAL):
      // the service is down, or went down in the middle of the call
      return new GrpcError(grpc.status.UNAVAILABLE, `${service} is unavailable`);
    default:
      return new GrpcError(error.code, `the call to ${service} failed with ${grpc.status[error.code] ?? 'UNKNOWN'}`);
  }
}

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as grpc.ServiceError).code === 'number' && 'details' in error;
}
