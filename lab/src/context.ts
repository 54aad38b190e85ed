// The trace of the HTTP request being handled, wherever the gateway's code is when it makes a
// gRPC call: the gateway's middleware (http.ts) runs each request in its own async context, so a
// route calls a client the plain way and the client interceptor (grpc.ts) still finds the request.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestTrace } from './trace';

const requests = new AsyncLocalStorage<RequestTrace>();

export function runInTrace<T>(trace: RequestTrace, work: () => T): T {
  return requests.run(trace, work);
}

export function currentTrace(): RequestTrace | undefined {
  return requests.getStore();
}
