// GET /traces: the most recent requests, each with every hop it made through the four processes.
// GET /traces/stream: every new one as it finishes, as Server-Sent Events (the browser page).
// GET /traces/:requestId: one of them, by the x-request-id the gateway answered with.
import { Router, type Request, type Response } from 'express';
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import type { TraceLog, TraceReport } from './http';

/** Which traces the request's client may read; undefined: all (the gateway decides: AUTH=required). */
export type VisibleTraces = (res: Response) => ((trace: TraceReport) => boolean) | undefined;

/**
 * What the gateway's auth says of a stream's client (lesson 11): whose streams count together
 * ("user 1"; undefined: only the cap for everyone), and when the stream must end (its token is no
 * longer good): `watch` calls `end` with the reason, and returns what stops watching.
 */
export interface StreamRules {
  ownerOf(req: Request, res: Response): string | undefined;
  watch(res: Response, end: (reason: string) => void): () => void;
}

const UNGUARDED: StreamRules = { ownerOf: () => undefined, watch: () => () => undefined };

export function traceRoutes(
  traceLog: TraceLog,
  visibleTo: VisibleTraces = () => undefined,
  rules: StreamRules = UNGUARDED,
): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 10, 1), 100);
    const sees = visibleTo(res);
    res.json({ traces: traceLog.recent(limit, sees) });
  });

  router.get('/stream', (req, res) => {
    const { streams } = traceLog;
    if (streams.size >= streams.max) {
      throw new GrpcError(
        grpc.status.RESOURCE_EXHAUSTED,
        `${streams.max} trace streams are open already (TRACE_STREAMS_MAX): close another tab of the sandbox page, then reload this one`,
      );
    }
    const owner = rules.ownerOf(req, res);
    if (owner !== undefined && streams.openFor(owner) >= streams.maxPerClient) {
      throw new GrpcError(
        grpc.status.RESOURCE_EXHAUSTED,
        `${streams.maxPerClient} trace streams are open already for ${owner}, as many as one client may have: close another tab of the sandbox page, then reload this one`,
      );
    }
    streams.accept(res, visibleTo(res), owner);
    // the token's user deleted or replaced, or the token expired: a last event says so, and the end
    const stopWatching = rules.watch(res, (reason) => streams.end(res, 'UNAUTHENTICATED', reason));
    res.once('close', stopWatching);
  });

  router.get('/:requestId', (req, res) => {
    const trace = traceLog.get(req.params.requestId);
    const sees = visibleTo(res);
    if (!trace || (sees && !sees(trace)))
      throw new GrpcError(
        grpc.status.NOT_FOUND,
        `no trace for request ${req.params.requestId}; only the last 200 are kept, and under load only TRACES_PER_SECOND requests a second are traced`,
      );
    res.json(trace);
  });

  return router;
}
