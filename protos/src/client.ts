// What every gRPC *client* in the sandbox shares: channel options, deadlines, promise-returning
// calls, and the metadata that names a call's step on the diagram.
import * as grpc from '@grpc/grpc-js';

export const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  // channelz keeps call counts and timestamps for a debugging service the sandbox does not run
  'grpc.enable_channelz': 0,
  // grpc-js waits 1 s, then up to 120 s, before reconnecting to a stopped service; a student who
  // restarts one would see it "still down" for a long time. Retry fast: this is loopback, so a
  // service started again is reached within a quarter of a second (the launcher waits that long
  // after `npm run sandbox -- start`: launcher/control.js).
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

// The unary methods of a generated client, by their names in the .proto file: "GetUser", …
// (the client also has them as "getUser"; the .proto names are the ones the diagram uses)
type UnaryMethod<Request, Response> = (
  argument: Request,
  callback: grpc.requestCallback<Response>,
) => grpc.ClientUnaryCall;
export type MethodName<Client> = {
  [M in keyof Client]: M extends string
    ? M extends Capitalize<M>
      ? Client[M] extends UnaryMethod<never, unknown>
        ? M
        : never
      : never
    : never;
}[keyof Client];
export type RequestOf<Client, M extends keyof Client> =
  Client[M] extends UnaryMethod<infer Request, unknown> ? Request : never;
export type ResponseOf<Client, M extends keyof Client> =
  Client[M] extends UnaryMethod<never, infer Response> ? Response : never;

/** A generated client whose methods return promises: `await users.GetUser({ id }, options)`. */
export type PromiseClient<Client> = {
  [M in MethodName<Client>]: (
    request: RequestOf<Client, M>,
    options?: grpc.CallOptions,
    metadata?: grpc.Metadata,
  ) => Promise<ResponseOf<Client, M>>;
};

export function promiseClient<Client extends grpc.Client>(client: Client): PromiseClient<Client> {
  const calls: Record<string, unknown> = {};
  // the service's methods by their .proto names, as the generated client class lists them
  const methods = Object.keys((client.constructor as grpc.ServiceClientConstructor).service);
  for (const method of methods) {
    const send = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[method].bind(client);
    calls[method] = (request: unknown, options: grpc.CallOptions = {}, metadata = new grpc.Metadata()) =>
      new Promise((resolve, reject) =>
        send(request, metadata, options, (error: Error | null, response: unknown) =>
          error ? reject(error) : resolve(response),
        ),
      );
  }
  return calls as PromiseClient<Client>;
}

// A call says which step of the diagram it is, and which step answers it: order-service's
// GetUser is step 3a, and user-service answers it as step 4a. The lab's trace and log lines show
// them; without the lab they are metadata nobody reads.
export const CALL_STEP = 'x-diagram-step';
export const ANSWER_STEP = 'x-diagram-answer-step';

export function stepMetadata(callStep: string, answerStep: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  // metadata is ASCII: the diagram's "2–7" travels as "2-7"
  metadata.set(CALL_STEP, callStep.replace('–', '-'));
  metadata.set(ANSWER_STEP, answerStep.replace('–', '-'));
  return metadata;
}
