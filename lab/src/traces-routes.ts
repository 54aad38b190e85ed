// GET /traces: the most recent requests, each with every hop it made through the four processes.
// GET /traces/stream: every new one as it finishes, as Server-Sent Events (the browser page).
// GET /traces/:requestId: one of them, by the x-request-id the gateway answered with.
import { Router } from 'express';
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';
import type { TraceLog } from './http';

export function traceRoutes(traceLog: TraceLog): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 10, 1), 100);
    res.json({ traces: traceLog.recent(limit) });
  });

  router.get('/stream', (_req, res) => {
    const { streams } = traceLog;
    if (!streams.accept(res)) {
      throw new GrpcError(grpc.status.RESOURCE_EXHAUSTED, `${streams.max} trace streams are open already (TRACE_STREAMS_MAX): close another tab of the sandbox page, then reload this one`);
    }
  });

  router.get('/:requestId', (req, res) => {
    const trace = traceLog.get(req.params.requestId);
    if (!trace) throw new GrpcError(grpc.status.NOT_FOUND, `no trace for request ${req.params.requestId}; only the last 200 are kept`);
    res.json(trace);
  });

  return router;
}
