// Follow one request through four processes.
//
// The gateway gives every request an id (the client's x-request-id, or a new one) and a W3C trace
// context (https://www.w3.org/TR/trace-context/: `traceparent: 00-<trace id>-<span id>-01`), and
// both travel with every gRPC call as metadata. Each process records a *span* for each hop it
// serves or makes, logs it as one line, e.g.
//   a1b2c3d4 order-service step 3a GetUser id=1 → ok 2.1ms
// and sends its spans back to its caller in a trailer (x-trace-bin). So the gateway ends up with
// the whole trace of the request in one place, without any tracing server.
import { randomFillSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { FANOUT } from './fanout';
import { FAULT_DELAY, FAULT_FAIL, metadataValue as value } from './faults';
import type { Logger } from './log';

export const REQUEST_ID = 'x-request-id';
export const TRACEPARENT = 'traceparent';
export const DIAGRAM_STEP = 'x-diagram-step';
export const TRACE_TRAILER = 'x-trace-bin';
// the lab headers that travel on with every call a request causes
const FORWARDED = [FAULT_DELAY, FAULT_FAIL, FANOUT];

export interface Span {
  spanId: string;
  parentId?: string;
  service: string; // who recorded it: "order-service"
  kind: 'http' | 'server' | 'client'; // an HTTP request, a call served, a call made
  peer?: string; // for a call made: the service called
  step?: string; // the diagram step: "3a"
  name: string; // "GetUser" or "POST /api/orders"
  detail: string; // "id=1"
  start: number; // milliseconds since 1970, with fractions
  durationMs: number;
  status: string; // "OK", "NOT_FOUND", … or the HTTP status for an HTTP span
}

// The diagram's numbered steps, by who makes which call (see DIAGRAM.md). The caller sends the
// step along as metadata, so the service that answers knows it is answering step 3a, say.
export const DIAGRAM_STEPS: Record<string, string> = {
  'api-gateway CreateOrder': '2',
  'order-service GetUser': '3a',
  'order-service GetProduct': '3b',
};
// …and what the answering side of each step is called on the diagram
const ANSWERING_STEPS: Record<string, string> = { '2': '2–7', '3a': '4a', '3b': '4b' };

/** What one request carries through a process: its ids, the faults to pass on, and its spans. */
export class RequestTrace {
  readonly spans: Span[] = [];

  constructor(
    readonly service: string,
    readonly requestId: string,
    readonly traceId: string,
    readonly spanId: string, // the span of this process's own work
    readonly parentId: string | undefined,
    readonly step: string | undefined, // the step this process is serving, if any
    readonly forwarded: grpc.Metadata, // x-fault-* and x-fanout, to pass on
    readonly log: Logger,
  ) {}

  /** For a gRPC call a service serves: everything comes from the caller's metadata. */
  static fromMetadata(metadata: grpc.Metadata, service: string, log: Logger): RequestTrace {
    const parent = parseTraceparent(value(metadata, TRACEPARENT));
    const traceId = parent?.traceId ?? newId(16);
    const step = value(metadata, DIAGRAM_STEP);
    const requestId = value(metadata, REQUEST_ID) ?? traceId.slice(0, 8);
    const forwarded = new grpc.Metadata();
    for (const key of FORWARDED) for (const v of metadata.get(key)) forwarded.add(key, v);
    return new RequestTrace(service, requestId, traceId, newId(8), parent?.parentId, step && ANSWERING_STEPS[step], forwarded, log);
  }

  /** For an HTTP request at the gateway: the client may send its own x-request-id and traceparent. */
  static fromHeaders(header: (name: string) => string | undefined, service: string, log: Logger): RequestTrace {
    const parent = parseTraceparent(header(TRACEPARENT));
    const traceId = parent?.traceId ?? newId(16);
    const asked = header(REQUEST_ID);
    const requestId = asked && /^[\w.-]{1,64}$/.test(asked) ? asked : traceId.slice(0, 8);
    const forwarded = new grpc.Metadata();
    for (const key of FORWARDED) {
      const v = header(key);
      // metadata takes printable ASCII only; anything else is refused with a 400 (lab-headers.ts)
      if (v && /^[\x20-\x7e]*$/.test(v)) forwarded.set(key, v);
    }
    return new RequestTrace(service, requestId, traceId, newId(8), parent?.parentId, undefined, forwarded, log);
  }

  /** Records one finished hop of this process, and logs it as one line (`quiet`: at debug level). */
  record(span: Omit<Span, 'service'>, quiet = false): Span {
    const full: Span = { service: this.service, ...span };
    this.spans.push(full);
    const step = full.step ? `step ${full.step} ` : '';
    const detail = full.detail ? ` ${full.detail}` : '';
    const status = full.status === 'OK' ? 'ok' : full.status;
    this.log[quiet ? 'debug' : 'info'](
      { requestId: this.requestId, traceId: this.traceId, span: full },
      `${this.requestId} ${this.service} ${step}${full.name}${detail} → ${status} ${full.durationMs.toFixed(1)}ms`,
    );
    return full;
  }
}

// The unary methods of a generated client, by their names in the .proto file: "GetUser", …
// (the client also has them as "getUser"; the .proto names are the ones the diagram uses)
type UnaryMethod<Request, Response> = (argument: Request, callback: grpc.requestCallback<Response>) => grpc.ClientUnaryCall;
export type MethodName<Client> = {
  [M in keyof Client]: M extends string ? (M extends Capitalize<M> ? (Client[M] extends UnaryMethod<never, unknown> ? M : never) : never) : never;
}[keyof Client];
export type RequestOf<Client, M extends keyof Client> = Client[M] extends UnaryMethod<infer Request, unknown> ? Request : never;
export type ResponseOf<Client, M extends keyof Client> = Client[M] extends UnaryMethod<never, infer Response> ? Response : never;

/**
 * Makes one traced gRPC call from inside `trace`: sends the ids, the diagram step and the faults
 * as metadata, records the call as a span, and collects the spans the called service sends back.
 *   const user = await tracedCall(trace, 'user-service', users, 'GetUser', { id }, { deadline });
 */
export function tracedCall<Client extends grpc.Client, M extends MethodName<Client>>(
  trace: RequestTrace,
  peer: string,
  client: Client,
  method: M,
  request: RequestOf<Client, M>,
  options: grpc.CallOptions,
  signal?: AbortSignal, // aborted: cancel the call (the HTTP client behind it hung up)
): Promise<ResponseOf<Client, M>> {
  const spanId = newId(8);
  const step = DIAGRAM_STEPS[`${trace.service} ${method}`];
  const metadata = trace.forwarded.clone();
  metadata.set(REQUEST_ID, trace.requestId);
  metadata.set(TRACEPARENT, formatTraceparent(trace.traceId, spanId));
  if (step) metadata.set(DIAGRAM_STEP, step);

  type Response = ResponseOf<Client, M>;
  const send = client[method] as (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<Response>) => grpc.ClientUnaryCall;
  const started = now();
  return new Promise((resolve, reject) => {
    let error: grpc.ServiceError | null = null;
    let response: Response | undefined;
    // grpc-js hands over the answer first, then the status with its trailers ('status'), which
    // carry the spans of the service called: settle once both are here.
    const call = send.call(client, request, metadata, options, (e, r) => {
      error = e;
      response = r;
    });
    if (signal?.aborted) call.cancel();
    signal?.addEventListener('abort', () => call.cancel(), { once: true });
    call.on('status', (status: grpc.StatusObject) => {
      trace.spans.push(...decodeSpans(status.metadata));
      trace.record({
        spanId,
        parentId: trace.spanId,
        kind: 'client',
        peer,
        step,
        name: method,
        detail: describeMessage(request),
        start: started,
        durationMs: now() - started,
        status: error ? grpc.status[error.code] : 'OK',
      });
      return error ? reject(error) : resolve(response as Response);
    });
  });
}

/** The spans a service attaches to its answer, for its caller. */
export function encodeSpans(spans: Span[]): Buffer {
  return Buffer.from(JSON.stringify(spans));
}

export function decodeSpans(metadata: grpc.Metadata): Span[] {
  const [raw] = metadata.get(TRACE_TRAILER);
  if (!raw) return [];
  try {
    return JSON.parse(raw.toString()) as Span[];
  } catch {
    return [];
  }
}

/** "id=1" or "userId=1 productId=1 quantity=2": the scalar fields of a message, for log lines. */
export function describeMessage(message: unknown): string {
  if (!message || typeof message !== 'object') return '';
  return Object.entries(message)
    .filter(([, v]) => (typeof v === 'string' && v !== '') || typeof v === 'number')
    .slice(0, 4)
    .map(([k, v]) => `${k}=${String(v).slice(0, 32)}`)
    .join(' ');
}

/** Milliseconds since 1970 with sub-millisecond precision, comparable across processes. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

// Random hex ids: 16 bytes for a trace, 8 for a span. Several are made for every request, so they
// are cut from a buffer of random bytes that is refilled when used up (one system call per 512 ids).
const randomPool = Buffer.alloc(4096);
let poolOffset = randomPool.length;

function newId(bytes: 16 | 8): string {
  if (poolOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return randomPool.toString('hex', poolOffset - bytes, poolOffset);
}

export function formatTraceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}

export function parseTraceparent(header: string | undefined): { traceId: string; parentId: string } | undefined {
  const match = header?.match(/^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/);
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return { traceId: match[1], parentId: match[2] };
}
