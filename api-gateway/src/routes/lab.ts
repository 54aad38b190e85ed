// /lab: the page's buttons that stop, start and reset the sandbox's processes. They are passed on
// to the launcher that `npm start` runs (its control socket, SANDBOX_CONTROL; see scripts/control.js),
// which owns the processes; the gateway only relays. Without the launcher (containers), they say so.
//   GET  /lab/processes                       each process: running or stopped
//   POST /lab/processes/:name/stop | /start   one of the three services
//   POST /lab/reset                           every service back to its seed data
import http from 'node:http';
import { Router, type Response } from 'express';
import { sendError } from '../errors';

const SERVICES = ['user-service', 'product-service', 'order-service'];

export function labRoutes(controlSocket: string | undefined): Router {
  const router = Router();

  router.use((_req, res, next) => {
    if (controlSocket) return next();
    return sendError(res, 400, 'FAILED_PRECONDITION', 'this gateway was not started by `npm start`, so it cannot stop, start or reset processes');
  });

  router.get('/processes', async (_req, res) => {
    relay(res, await ask(controlSocket as string, 'GET', '/status'));
  });

  router.post('/processes/:name/:action', async (req, res) => {
    const { name, action } = req.params;
    if (!SERVICES.includes(name)) {
      return sendError(res, 400, 'INVALID_ARGUMENT', `the page stops and starts ${SERVICES.join(', ')}; the gateway it talks through is stopped from a terminal`);
    }
    if (action !== 'stop' && action !== 'start') return sendError(res, 404, 'NOT_FOUND', `no lab action "${action}"; use stop or start`);
    return relay(res, await ask(controlSocket as string, 'POST', `/processes/${name}/${action}`));
  });

  router.post('/reset', async (_req, res) => {
    relay(res, await ask(controlSocket as string, 'POST', '/reset'));
  });

  return router;
}

// the launcher answers JSON or {error}; the page gets that JSON or the usual JSON error
function relay(res: Response, answer: { status: number; body: { error?: string } }): void {
  if (answer.status === 200) return void res.json(answer.body);
  if (answer.status === 503) return sendError(res, 503, 'UNAVAILABLE', answer.body.error ?? 'the launcher does not answer');
  // e.g. "product-service is not running": what was asked does not fit the processes' state
  sendError(res, 409, 'FAILED_PRECONDITION', answer.body.error ?? 'the launcher refused');
}

/** One request to the launcher's control socket; a launcher that is gone is a 503. */
function ask(socketPath: string, method: string, path: string): Promise<{ status: number; body: { error?: string } }> {
  return new Promise((resolve) => {
    const gone = { status: 503, body: { error: 'the launcher (npm start) does not answer' } };
    const req = http.request({ socketPath, method, path, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 500, body: JSON.parse(text) });
        } catch {
          resolve(gone);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(gone));
    req.end();
  });
}
