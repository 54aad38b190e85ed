// Follow one request through four processes.
//
// The gateway gives every request an id (the client's x-request-id, or a new one) and a W3C trace
// context (https://www.w3.org/TR/trace-context/: `traceparent: 00-<trace id>-<span id>-01`), and
// both travel with every gRPC call as metadata. Each process records a *span* for each hop it
// serves or makes, logs it as one line, e.g.
//   a1b2c3d4 order-service step 3a GetUser id=1 → ok 2.1ms
// and sends its spans back to its caller in a trailer (x-trace-bin). So the gateway ends up with
// the whole trace of the request in one place, without any tracing server.
// The interceptors (grpc.ts) and the gateway's middleware (http.ts) do all of this around the
// calls; the code of the diagram never sees it.
// A span never holds a secret: a password in a message or a URL reads "[redacted]" (redact.ts), and
// the metadata (x-gateway-secret, x-user-id, …) stays out of spans: only the lab headers travel on.
import { randomFillSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { FANOUT, type FanOutMode } from './fanout';
import { FAULT_DELAY, FAULT_FAIL, metadataValue as value } from './faults';
import type { Logger } from './log';
import { isSecretName, REDACTED } from './redact';

export const REQUEST_ID = 'x-request-id';
export const TRACEPARENT = 'traceparent';
export const TRACE_TRAILER = 'x-trace-bin';
// the lab headers that travel on with every call a request causes
const FORWARDED = [FAULT_DELAY, FAULT_FAIL, FANOUT];

export interface Span {
  spanId: string;
  parentId?: string;
  service: string; // who recorded it: "order-service"
  replica?: string; // which process of the service, when it runs as several: "product-service-2" (lesson 22)
  kind: 'http' | 'server' | 'client'; // an HTTP request, a call served, a call made
  peer?: string; // for a call made: the service called
  step?: string; // the diagram step: "3a"
  name: string; // "GetUser" or "POST /api/orders"
  detail: string; // "id=1"
  start: number; // milliseconds since 1970, with fractions
  durationMs: number;
  status: string; // "OK", "NOT_FOUND", … or the HTTP status for an HTTP span
}

/** What one request carries through a process: its ids, the lab headers to pass on, its spans. */
export class RequestTrace {
  readonly spans: Span[] = [];
  step?: string; // the diagram step this process is serving, if any: "4a"
  replica?: string; // this process's name, when its service runs as several: "product-service-2"
  // x-fanout: sequential makes a request's calls wait for each other (grpc.ts)
  readonly fanOut: FanOutMode;
  sequence?: Promise<void>; // under x-fanout: sequential, when the request's latest call ends
  // cancels the calls in flight, when the HTTP client behind the request hangs up (http.ts)
  readonly cancels = new Set<() => void>();
  // how many calls made for this request have not ended yet, and what waits until none has (grpc.ts)
  callsInFlight = 0;
  readonly afterCalls: Array<() => void> = [];
  // false for a request the gateway answers untraced, beyond TRACES_PER_SECOND (sampling.ts): its
  // ids and lab headers travel on as usual, but no process records a span or logs a line for it
  sampled = true;

  constructor(
    readonly service: string,
    public requestId: string, // at the gateway, another one if the client's names someone else's trace (http.ts)
    readonly traceId: string,
    readonly spanId: string, // the span of this process's own work
    readonly parentId: string | undefined,
    readonly forwarded: grpc.Metadata, // x-fault-* and x-fanout, to pass on
    readonly log: Logger,
  ) {
    // a malformed x-fanout is refused where it arrives (headers.ts, grpc.ts); here it reads as the default
    this.fanOut = value(forwarded, FANOUT) === 'sequential' ? 'sequential' : 'parallel';
  }

  /** For a gRPC call a service serves: everything comes from the caller's metadata. */
  static fromMetadata(metadata: grpc.Metadata, service: string, log: Logger): RequestTrace {
    const parent = parseTraceparent(value(metadata, TRACEPARENT));
    const traceId = parent?.traceId ?? newId(16);
    const requestId = value(metadata, REQUEST_ID) ?? traceId.slice(0, 8);
    const forwarded = new grpc.Metadata();
    for (const key of FORWARDED) for (const v of metadata.get(key)) forwarded.add(key, v);
    const trace = new RequestTrace(service, requestId, traceId, newId(8), parent?.parentId, forwarded, log);
    trace.sampled = parent?.sampled ?? true; // a call from no traced request (npm run grpc) is traced
    return trace;
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
      // metadata takes printable ASCII only; anything else is refused with a 400 (headers.ts)
      if (v && /^[\x20-\x7e]*$/.test(v)) forwarded.set(key, v);
    }
    return new RequestTrace(service, requestId, traceId, newId(8), parent?.parentId, forwarded, log);
  }

  /** Records one finished hop of this process, and logs it as one line (`quiet`: at debug level). */
  record(span: Omit<Span, 'service'>, quiet = false): void {
    if (!this.sampled) return;
    const full: Span = { service: this.service, ...(this.replica && { replica: this.replica }), ...span };
    this.spans.push(full);
    const step = full.step ? `step ${full.step} ` : '';
    const detail = full.detail ? ` ${full.detail}` : '';
    const status = full.status === 'OK' ? 'ok' : full.status;
    this.log[quiet ? 'debug' : 'info'](
      { requestId: this.requestId, traceId: this.traceId, span: full },
      `${this.requestId} ${this.replica ?? this.service} ${step}${full.name}${detail} → ${status} ${full.durationMs.toFixed(1)}ms`,
    );
  }
}

/** The spans a service attaches to its answer, for its caller. */
export function encodeSpans(spans: Span[]): Buffer {
  return Buffer.from(JSON.stringify(spans));
}

export function decodeSpans(metadata: grpc.Metadata | undefined): Span[] {
  const [raw] = metadata?.get(TRACE_TRAILER) ?? [];
  if (!raw) return [];
  try {
    return JSON.parse(raw.toString()) as Span[];
  } catch {
    return [];
  }
}

/**
 * "id=1" or "userId=1 productId=1 quantity=2": the scalar fields of a message, for a span's detail
 * (so for traces and log lines alike). A secret field shows as "password=[redacted]" (redact.ts).
 */
export function describeMessage(message: unknown): string {
  if (!message || typeof message !== 'object') return '';
  // one string, built as the fields are read: this runs for every hop in every process
  let described = '';
  let fields = 0;
  for (const [k, v] of Object.entries(message)) {
    if (!((typeof v === 'string' && v !== '') || typeof v === 'number')) continue;
    described += `${fields === 0 ? '' : ' '}${k}=${isSecretName(k) ? REDACTED : String(v).slice(0, 32)}`;
    if (++fields === 4) break;
  }
  return described;
}

// The wall clock's time at performance.now()'s zero. Each reading of Date.now() then performance.now()
// is a lower bound of it (the wall clock had reached Date.now() when performance.now() was read),
// and the highest of them, read while Date.now() turns to its next millisecond twice (a wait of at
// most 2 ms, once), is within microseconds of it: a process paused between two readings (a busy
// machine) only makes that reading's bound a lower one.
const WALL_CLOCK_AT_ZERO = (() => {
  let highest = -Infinity;
  for (let turns = 0, last = Date.now(); turns < 2;) {
    const wall = Date.now();
    highest = Math.max(highest, wall - performance.now());
    if (wall !== last) [turns, last] = [turns + 1, wall];
  }
  return highest;
})();

/**
 * Milliseconds since 1970 with sub-millisecond precision, comparable across processes: the clock of
 * performance.now() set against the wall clock once, as this file loads. Not performance.timeOrigin:
 * Node.js takes it early in a process's start, and on a busy machine it was off from the wall clock
 * by up to 100 ms (40 processes started beside three busy loops). A trace then showed a service's
 * hop starting before the gateway's request that made it.
 */
export function now(): number {
  return WALL_CLOCK_AT_ZERO + performance.now();
}

// Random hex ids: 16 bytes for a trace, 8 for a span. Several are made for every request, so they
// are cut from a buffer of random bytes refilled when used up: asking the system for random bytes
// once per id is a measurable share of the gateway's CPU time (BENCHMARKS.md).
const randomPool = Buffer.alloc(4096);
let poolOffset = randomPool.length;

export function newId(bytes: 16 | 8): string {
  if (poolOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return randomPool.toString('hex', poolOffset - bytes, poolOffset);
}

/** The last field is the flags: 01 "sampled", the request is traced; 00 it is not (sampling.ts). */
export function formatTraceparent(traceId: string, spanId: string, sampled = true): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

export function parseTraceparent(
  header: string | undefined,
): { traceId: string; parentId: string; sampled: boolean } | undefined {
  const match = header?.match(/^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/);
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return undefined;
  return { traceId: match[1], parentId: match[2], sampled: (parseInt(match[3], 16) & 1) === 1 };
}
