// The lab, plugged into gRPC where grpc-js expects cross-cutting work: interceptors (the pattern
// of grpc-node's examples/interceptors). The handlers and the calls of the diagram stay plain.
//
//   serverInterceptor: around every call a service serves. It reads the caller's trace context
//     and lab headers from the metadata, obeys x-fault-delay and x-fault-fail, records a span and
//     a log line for the hop, and sends the spans back to the caller in a trailer.
//   clientInterceptor: around every call a process makes. It passes the trace context and the lab
//     headers on, names the hop's diagram step (from the call's own metadata: stepMetadata in
//     @sandbox/protos), records a span, collects the spans the service sent back, makes the calls
//     of one request wait for each other under x-fanout: sequential, and lets the gateway cancel
//     them when its HTTP client hangs up.
// A call for a request the gateway answers untraced (sampling.ts) carries a traceparent ending in
// 00: both pass its ids and lab headers on as usual, and record nothing.
import * as grpc from '@grpc/grpc-js';
import { ANSWER_STEP, CALL_STEP, GrpcError, SERVED_BY_TRAILER } from '@sandbox/protos';
import { USER_ID_KEY } from '@sandbox/gateway-secret';
import { FANOUT, parseFanOut } from './fanout';
import { faultsFor, metadataValue, type FaultSettings, type FaultTarget } from './faults';
import type { Logger } from './log';
import { currentTrace } from './context';
import {
  decodeSpans,
  describeMessage,
  encodeSpans,
  formatTraceparent,
  newId,
  now,
  REQUEST_ID,
  RequestTrace,
  TRACE_TRAILER,
  TRACEPARENT,
} from './trace';

export interface LabServiceSettings {
  name: string; // "user-service"
  replica?: string; // this process's name when the service runs as several: "product-service-2" (REPLICA_NAME, lesson 22)
  log: Logger;
  faults: FaultSettings;
}

// The trace of each call being served, by its metadata object: the handler passes its call as
// `parent` to the calls it makes (order-service's lookups), and the client interceptor finds the
// trace through the parent's metadata.
const tracesByMetadata = new WeakMap<grpc.Metadata, RequestTrace>();

/** The trace of a call being served, from the call itself (a handler's `call`, or a call's `parent`). */
export function traceOfCall(call: { metadata?: grpc.Metadata } | undefined): RequestTrace | undefined {
  return call?.metadata ? tracesByMetadata.get(call.metadata) : undefined;
}

export function serverInterceptor(settings: LabServiceSettings): grpc.ServerInterceptor {
  const target = settings.name.replace(/-service$/, '') as FaultTarget; // "user-service" obeys "user=…"
  return (method, call) => {
    // health checks and reflection are about the sandbox, not through it; an events stream
    // (WatchOrders, WatchStock) is no request's hop: it lasts as long as its subscriber
    if (method.path.startsWith('/grpc.') || method.responseStream) return new grpc.ServerInterceptingCall(call);
    let trace: RequestTrace | undefined;
    let metadataReceived = new grpc.Metadata();
    let started = 0;
    let request: unknown;
    let cancelled = false;
    let onCancel = () => undefined as void;

    const intercepting: grpc.ServerInterceptingCall = new grpc.ServerInterceptingCall(call, {
      start(next) {
        next({
          onReceiveMetadata(metadata, nextMetadata) {
            metadataReceived = metadata;
            trace = RequestTrace.fromMetadata(metadata, settings.name, settings.log);
            trace.replica = settings.replica; // the trace says which replica answered
            trace.step = metadataValue(metadata, ANSWER_STEP)?.replace('-', '–'); // "2-7" is the diagram's "2–7"
            tracesByMetadata.set(metadata, trace);
            started = now();
            // at debug level (LOG_LEVEL=debug): the call has arrived, and is in flight from now on
            const user = metadataValue(metadata, USER_ID_KEY); // who the call is for (lesson 11), if anyone
            if (trace.sampled)
              settings.log.debug(
                `${trace.requestId} ${settings.name} ${method.path.split('/').pop()} ← received${user ? ` for user ${user}` : ''}`,
              );
            nextMetadata(metadata);
          },
          onReceiveMessage(message, nextMessage) {
            request = message;
            nextMessage(message);
          },
          // the handler runs after this: faults come first
          onReceiveHalfClose(nextHalfClose) {
            void obeyFaults().then(nextHalfClose, (error: GrpcError) => {
              const trailer = new grpc.Metadata();
              trailer.set(SERVED_BY_TRAILER, settings.name); // our own words: safe to pass on
              intercepting.sendStatus({ code: error.code, details: error.details, metadata: trailer });
            });
          },
          onCancel() {
            cancelled = true;
            onCancel();
          },
        });
      },
      sendStatus(status, next) {
        // A handler may answer before all its calls have ended (Promise.all fails fast, say): wait
        // for them, so that the spans sent back tell the whole story of the request.
        if (trace && trace.callsInFlight > 0) {
          trace.afterCalls.push(() => this.sendStatus?.(status, next));
          return;
        }
        // a request the gateway answers untraced (sampling.ts): no span, no line, no trailer
        if (trace?.sampled) {
          trace.record({
            spanId: trace.spanId,
            parentId: trace.parentId,
            kind: 'server',
            step: trace.step,
            name: method.path.split('/').pop() ?? '',
            detail: describeMessage(request),
            start: started,
            durationMs: now() - started,
            status: grpc.status[status.code],
          });
          const metadata = status.metadata ?? new grpc.Metadata();
          metadata.set(TRACE_TRAILER, encodeSpans(trace.spans));
          status = { ...status, metadata };
        }
        next(status);
      },
    });

    /** Checks the lab headers; waits as x-fault-delay asks (less if the caller gives up), then fails as x-fault-fail asks. */
    async function obeyFaults(): Promise<void> {
      parseFanOut(metadataValue(metadataReceived, FANOUT)); // a malformed x-fanout is INVALID_ARGUMENT
      const faults = faultsFor(metadataReceived, target, settings.faults);
      if (faults.delayMs > 0 && !cancelled) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, faults.delayMs);
          onCancel = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      // the caller gave up while we waited: do not go on to do work (and store an order) nobody awaits
      if (cancelled) throw new GrpcError(grpc.status.CANCELLED, `the caller of ${settings.name} gave up`);
      if (faults.fail !== undefined) {
        throw new GrpcError(
          faults.fail,
          `${settings.name} failed with ${grpc.status[faults.fail]} because x-fault-fail asked it to`,
        );
      }
    }
    return intercepting;
  };
}

/** Around every call to `peer` ("user-service"), made by `service` ("order-service"). */
export function clientInterceptor(service: string, peer: string): grpc.Interceptor {
  return (options, nextCall) => {
    const trace = traceOfCall(options.parent as { metadata?: grpc.Metadata } | undefined) ?? currentTrace();
    // not made for a request; or an events stream, which outlives any request (GET /api/events)
    if (!trace || options.method_definition.responseStream) return new grpc.InterceptingCall(nextCall(options));
    const spanId = newId(8);
    const { path } = options.method_definition;
    const name = path.slice(path.lastIndexOf('/') + 1); // "/product.ProductService/GetProduct" → "GetProduct"
    let step: string | undefined;
    let request: unknown;
    let started = 0;

    const intercepting: grpc.InterceptingCall = new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        step = metadataValue(metadata, CALL_STEP)?.replace('-', '–');
        metadata.merge(trace.forwarded);
        metadata.set(REQUEST_ID, trace.requestId);
        metadata.set(TRACEPARENT, formatTraceparent(trace.traceId, spanId, trace.sampled));
        const cancel = () => intercepting.cancelWithStatus(grpc.status.CANCELLED, 'the client hung up');
        trace.cancels.add(cancel);
        trace.callsInFlight += 1;
        let finished = () => undefined as void;
        const go = () => {
          started = now();
          next(metadata, {
            onReceiveStatus(status, nextStatus) {
              trace.cancels.delete(cancel);
              if (trace.sampled) {
                trace.spans.push(...decodeSpans(status.metadata));
                trace.record({
                  spanId,
                  parentId: trace.spanId,
                  kind: 'client',
                  peer,
                  step,
                  name,
                  detail: describeMessage(request),
                  start: started,
                  durationMs: now() - started,
                  status: grpc.status[status.code],
                });
              }
              trace.callsInFlight -= 1;
              finished();
              nextStatus(status);
              if (trace.callsInFlight === 0) for (const then of trace.afterCalls.splice(0)) then();
            },
          });
        };
        if (trace.fanOut === 'parallel') return go();
        // x-fanout: sequential: this call starts only when the request's previous call has ended
        const previous = trace.sequence ?? Promise.resolve();
        trace.sequence = new Promise((resolve) => (finished = resolve));
        void previous.then(go);
      },
      sendMessage(message, next) {
        request = message;
        next(message);
      },
    });
    return intercepting;
  };
}

/**
 * Work a service does inside itself that a lesson wants to see and to break: order-service's mock
 * payment. Traced as a call to `peer` ("payment"), and it obeys x-fault-delay and x-fault-fail for
 * `peer` as a service obeys them for itself. `diagramStep`: its label in the trace ("6b").
 */
export function labStep(settings: LabServiceSettings, peer: FaultTarget, name: string, diagramStep?: string) {
  return async <T>(call: grpc.ServerUnaryCall<unknown, unknown>, work: () => T): Promise<T> => {
    const trace = traceOfCall(call);
    const started = now();
    let ended = 'OK';
    try {
      const faults = faultsFor(call.metadata, peer, settings.faults);
      if (faults.delayMs > 0 && !call.cancelled) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, faults.delayMs);
          call.once('cancelled', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (faults.fail !== undefined) {
        throw new GrpcError(
          faults.fail,
          `${peer} failed with ${grpc.status[faults.fail]} because x-fault-fail asked it to`,
        );
      }
      return work();
    } catch (error) {
      ended = error instanceof GrpcError ? grpc.status[error.code] : 'INTERNAL';
      throw error;
    } finally {
      trace?.record({
        spanId: newId(8),
        parentId: trace.spanId,
        kind: 'client',
        peer,
        step: diagramStep,
        name,
        detail: '',
        start: started,
        durationMs: now() - started,
        status: ended,
      });
    }
  };
}
