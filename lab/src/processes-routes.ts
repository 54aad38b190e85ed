// /lab: the page's buttons that stop, start and reset the sandbox's processes. They are passed on
// to the launcher that `npm start` runs (its control socket, SANDBOX_CONTROL; see launcher/control.js),
// which owns the processes; the gateway only relays. Without the launcher (containers), they say so.
//   GET  /lab/processes                       each process: running or stopped
//   POST /lab/processes/:name/stop | /start   one of the three services
//   POST /lab/processes/:name/scale/:count    user- or product-service as 1 to 4 processes (lesson 22)
//   POST /lab/reset                           the sandbox as npm start began it (launcher/control.js)
import * as grpc from '@grpc/grpc-js';
import { Router, type Response } from 'express';
import { askLauncher, launcherControl } from '@sandbox/launcher';
import { GrpcError } from '@sandbox/protos';

const SERVICES = ['user-service', 'product-service', 'order-service'];

export function processesRoutes(): Router {
  const router = Router();
  const controlSocket = launcherControl();

  router.use((_req, _res, next) => {
    if (!controlSocket)
      throw new GrpcError(
        grpc.status.FAILED_PRECONDITION,
        'this gateway was not started by `npm start`, so it cannot stop, start or reset processes',
      );
    next();
  });

  router.get('/processes', async (_req, res) => {
    relay(res, await askLauncher('GET', '/status'));
  });

  router.post('/processes/:name/scale/:count', async (req, res) => {
    const { name, count } = req.params;
    // the launcher checks the service and the count, and says what would work
    relay(res, await askLauncher('POST', `/processes/${encodeURIComponent(name)}/scale/${encodeURIComponent(count)}`));
  });

  router.post('/processes/:name/:action', async (req, res) => {
    const { name, action } = req.params;
    if (!SERVICES.includes(name)) {
      throw new GrpcError(
        grpc.status.INVALID_ARGUMENT,
        `the page stops and starts ${SERVICES.join(', ')}; the gateway it talks through is stopped from a terminal`,
      );
    }
    if (action !== 'stop' && action !== 'start')
      throw new GrpcError(grpc.status.NOT_FOUND, `no lab action "${action}"; use stop or start`);
    relay(res, await askLauncher('POST', `/processes/${name}/${action}`));
  });

  router.post('/reset', async (_req, res) => {
    relay(res, await askLauncher('POST', '/reset'));
  });

  return router;
}

// the launcher answers JSON or {error}; the page gets that JSON or the usual JSON error
export function relay(res: Response, answer: { status: number; body: { error?: string } }): void {
  if (answer.status === 200) return void res.json(answer.body);
  if (answer.status === 503)
    throw new GrpcError(grpc.status.UNAVAILABLE, answer.body.error ?? 'the launcher does not answer');
  // e.g. "product-service is not running": what was asked does not fit the processes' state
  throw new GrpcError(grpc.status.FAILED_PRECONDITION, answer.body.error ?? 'the launcher refused');
}
