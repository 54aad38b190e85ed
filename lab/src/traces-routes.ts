// GET /traces: the most recent requests, each with every hop it made through the four processes.
// GET /traces/stream: every new one as it finishes, as Server-Sent Events (the browser page).
// GET /traces/:requestId: one of them, by the x-request-id the gateway answered with.
import { Router, type Response } from 'express';
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import type { TraceLog, TraceReport } from './http';

/** Which traces the request's client may read; undefined: all (the gateway decides: AUTH=required). */
export type VisibleTraces = (res: Response) => ((trace: TraceReport) => boolean) | undefined;

export function traceRoutes(traceLog: TraceLog, visibleTo: VisibleTraces = () => undefined): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 10, 1), 100);
    const sees = visibleTo(res);
    res.json({ traces: traceLog.recent(limit, sees) });
  });

  router.get('/stream', (_req, res) => {
    const { streams } = traceLog;
    if (!streams.accept(res, visibleTo(res))) {
      throw new GrpcError(grpc.status.RESOURCE_EXHAUSTED, `${streams.max} trace streams are open already (TRACE_STREAMS_MAX): close another tab of the sandbox page, then reload this one`);
    }
  });

  router.get('/:requestId', (req, res) => {
    const trace = traceLog.get(req.params.requestId);
    const sees = visibleTo(res);
    if (!trace || (sees && !sees(trace))) throw new GrpcError(grpc.status.NOT_FOUND, `no trace for request ${req.params.requestId}; only the last 200 are kept`);
    res.json(trace);
  });

  return router;
}
