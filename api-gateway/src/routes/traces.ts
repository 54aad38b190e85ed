// GET /traces: the most recent requests, each with every hop it made through the four processes.
// GET /traces/stream: every new one as it finishes, as Server-Sent Events (the browser page).
// GET /traces/:requestId: one of them, by the x-request-id the gateway answered with.
import { Router } from 'express';
import { sendError } from '../errors';
import type { TraceLog, TraceReport } from '../tracing';

export function traceRoutes(traceLog: TraceLog): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit) || 10, 1), 100);
    res.json({ traces: traceLog.recent(limit) });
  });

  router.get('/stream', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': one event per traced request\n\n');
    const send = (trace: TraceReport) => res.write(`event: trace\ndata: ${JSON.stringify(trace)}\n\n`);
    // a comment now and then keeps proxies from closing a quiet stream
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    traceLog.on('trace', send);
    req.on('close', () => {
      clearInterval(keepAlive);
      traceLog.off('trace', send);
    });
  });

  router.get('/:requestId', (req, res) => {
    const trace = traceLog.get(req.params.requestId);
    if (!trace) return sendError(res, 404, 'NOT_FOUND', `no trace for request ${req.params.requestId}; only the last 200 are kept`);
    return res.json(trace);
  });

  return router;
}
