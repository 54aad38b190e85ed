// Every HTTP request through the gateway gets a trace (trace.ts): an id returned in x-request-id,
// the W3C trace context passed on to the services (by the client interceptor, grpc.ts, which finds
// the request through context.ts), one log line per hop, and a Server-Timing header that browser
// dev tools draw as bars. When the answer goes out, the whole trace (every span of every process)
// is handed to the TraceLog, where GET /traces and the browser page read it. A client that hangs up
// gets the calls made for it cancelled, and its trace is kept as 499. Under load, an API request
// beyond TRACES_PER_SECOND in its second is answered untraced: only its id and lab headers (sampling.ts).
import type { RequestHandler } from 'express';
import onHeaders from 'on-headers';
import { runInTrace } from './context';
import type { Logger } from './log';
import { redactUrl } from './redact';
import type { TraceSampler } from './sampling';
import { TraceStreams } from './trace-streams';
import { newId, now, REQUEST_ID, RequestTrace, type Span } from './trace';

// only requests through the API are kept and streamed; the rest (the page's files, /health,
// /traces itself) are about the sandbox rather than through it, and logged at debug level.
// The API is /api/… and /graphql, spelled in any case as Express matches them (/API/Users/1).
// GET /api/events is a stream that lasts as long as its client: no request to draw
const TRACED_PATHS = /^\/(api\/(?!events(\/|$))|graphql\/?$)/i;

export interface TraceReport {
  requestId: string;
  traceId: string;
  method: string;
  path: string;
  status: number;
  start: number; // milliseconds since 1970
  durationMs: number;
  spans: Array<Span & { offsetMs: number }>; // ordered by start; offsetMs from the request's start
  user?: string; // who the request was for, when it carried a valid token (lesson 11): "1 John (user)"
  userId?: string; // their id: with AUTH=required a user reads only the traces of their own requests
  cache?: string; // x-cache: HIT (answered at the gateway, no gRPC call) or MISS (lesson 13)
}

/**
 * The most recent traces, newest last; each new one also goes to the open trace streams. A report
 * is put together only when someone reads it (GET /traces, or a page following /traces/stream), so
 * a request nobody looks at costs no more than a reference to its spans.
 */
export class TraceLog {
  // each trace, by request id: whose request it was (the user's id, if it had a token), and its report
  private readonly byId = new Map<string, { userId?: string; get: () => TraceReport }>();

  constructor(
    readonly streams = new TraceStreams(20),
    private readonly capacity = 200,
  ) {}

  /** Forgets every trace: the sandbox is back to its seed data, and its ids are given out again. */
  clear(): void {
    this.byId.clear();
  }

  /**
   * The id to keep a request's trace under: the one it has, unless a trace of another user's
   * request has it (or of a user's, and this one has none). A client may reuse its own
   * x-request-id, and the latest trace is kept; but it may not replace someone else's trace, and
   * read it under their id (GET /traces/:requestId): then the request gets an id of its own.
   */
  idFor(requestId: string, userId: string | undefined): string {
    const kept = this.byId.get(requestId);
    return kept === undefined || kept.userId === userId ? requestId : newId(8).slice(0, 8); // 8 hex digits, like the gateway's own ids
  }

  add(requestId: string, build: () => TraceReport, userId?: string): void {
    let report: TraceReport | undefined;
    const get = () => (report ??= build());
    this.byId.delete(requestId); // the latest is kept, and is the newest
    this.byId.set(requestId, { userId, get });
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value as string);
    if (this.streams.size > 0) this.streams.publish(get());
  }

  get(requestId: string): TraceReport | undefined {
    return this.byId.get(requestId)?.get();
  }

  /** The newest `count` (that `sees` lets through, if given), newest first. */
  recent(count: number, sees?: (trace: TraceReport) => boolean): TraceReport[] {
    if (!sees)
      return [...this.byId.values()]
        .slice(-count)
        .reverse()
        .map(({ get }) => get());
    return [...this.byId.values()]
      .reverse()
      .map(({ get }) => get())
      .filter(sees)
      .slice(0, count);
  }
}

/**
 * The middleware. `steps` names the diagram step of a route, e.g. { 'POST /api/orders': '1–9' }:
 * the gateway, which owns the routes, says which is which. `sampler`: which API requests are traced
 * under load (sampling.ts); without one, every request is.
 */
export function traceRequests(
  log: Logger,
  traceLog: TraceLog,
  steps: Record<string, string> = {},
  sampler?: TraceSampler,
): RequestHandler {
  return (req, res, next) => {
    const trace = RequestTrace.fromHeaders((name) => req.get(name), 'api-gateway', log);
    const started = now();
    res.setHeader(REQUEST_ID, trace.requestId);
    const api = TRACED_PATHS.test(req.path);
    // beyond TRACES_PER_SECOND API requests in this second: answered untraced (sampling.ts)
    if (api && sampler && !sampler.take()) trace.sampled = false;

    // The request's own span (DIAGRAM steps 1 and 9), logged, and the whole trace kept.
    let finished = false;
    const finish = (status: number) => {
      if (finished) return;
      finished = true;
      const durationMs = now() - started;
      const { method, originalUrl } = req;
      const path = originalUrl.split('?')[0];
      // the URL as traces and log lines show it: a secret in it redacted (before it is cut, so none is cut in half)
      const url = cut(redactUrl(originalUrl));
      // a page (such as /graphql's, for a browser) is not an API call
      const quiet = !api || String(res.getHeader('content-type')).startsWith('text/html');
      // what the gateway's "Future" middleware found: res.locals.user (Express's convention for the
      // authenticated user) and the x-cache answer header
      const user = res.locals.user as { id: string; name: string; role: string } | undefined;
      const cache = res.getHeader('x-cache');
      if (!quiet) {
        // an x-request-id that names another user's trace: this request gets one of its own
        trace.requestId = traceLog.idFor(trace.requestId, user?.id);
        if (!res.headersSent) res.setHeader(REQUEST_ID, trace.requestId);
      }
      trace.record(
        {
          spanId: trace.spanId,
          parentId: trace.parentId,
          kind: 'http',
          step: steps[`${method} ${path}`],
          name: `${method} ${url}`,
          detail: '',
          start: started,
          durationMs,
          status: String(status),
        },
        quiet,
      );
      if (quiet) return;
      const answer = { method, path: url, status, start: started, durationMs, user, cache };
      traceLog.add(trace.requestId, reportOf(trace, answer), user?.id);
    };

    // Just before the answer's headers go out, every hop of the request is known: add them as
    // Server-Timing, and finish the trace.
    if (trace.sampled)
      onHeaders(res, () => {
        res.setHeader('Server-Timing', serverTiming(trace.spans, now() - started));
        finish(res.statusCode);
      });
    // The client hung up before its answer: cancel the calls made for it, and keep the trace once
    // they have ended, as 499 (the status grpc-gateway and nginx use for "client closed request").
    res.once('close', () => {
      if (res.writableFinished) return;
      for (const cancel of trace.cancels) cancel();
      if (trace.sampled && !res.headersSent) setImmediate(() => finish(499));
    });
    // everything the route does for this request, including its gRPC calls, runs in its context
    runInTrace(trace, next);
  };
}

/**
 * A kept trace's report, put together when someone first reads it. Made out here, from the values
 * it needs: a function made inside the middleware would keep the request and its answer alive with
 * it (JavaScript keeps a function's whole surroundings), 200 of each at all times, and the garbage
 * collector would work through them again and again (BENCHMARKS.md).
 */
function reportOf(
  trace: RequestTrace,
  answer: Pick<TraceReport, 'method' | 'path' | 'status' | 'start' | 'durationMs'> & {
    user?: { id: string; name: string; role: string };
    cache: unknown;
  },
): () => TraceReport {
  const { requestId, traceId, spans } = trace;
  const { method, path, status, start, durationMs, user, cache } = answer;
  return () => ({
    requestId,
    traceId,
    method,
    path,
    status,
    start,
    durationMs: round(durationMs),
    spans: [...spans]
      .sort((a, b) => a.start - b.start)
      .map((span) => ({ ...span, offsetMs: round(span.start - start) })),
    ...(user ? { user: `${user.id} ${user.name} (${user.role})`, userId: user.id } : {}),
    ...(typeof cache === 'string' ? { cache } : {}),
  });
}

// Server-Timing: hop1;dur=2.1;desc="step 3a order-service -> user-service GetUser", …
// (headers are ASCII: "–" and "→" become "-" and "->")
function serverTiming(spans: Span[], totalMs: number): string {
  const entries = spans.map((span, i) => {
    const who = span.kind === 'client' ? `${span.service} -> ${span.peer}` : (span.replica ?? span.service);
    const step = span.step ? `step ${span.step.replace('–', '-')} ` : '';
    return `hop${i + 1};dur=${round(span.durationMs)};desc="${step}${who} ${span.name}"`;
  });
  return [`total;dur=${round(totalMs)};desc="api-gateway"`, ...entries].join(', ');
}

// a URL can be 8 kB long: logs and traces keep its start
function cut(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
