// GET /health: asks each service over grpc.health.v1 whether it is SERVING, with its latency.
// 200 when all three serve; 503 naming the ones that do not. `npm start` waits on this to say "ready".
// GET /health/live: 200 as long as the gateway process answers at all.
import { Router } from 'express';
import * as grpc from '@grpc/grpc-js';
import { deadlineIn, unaryCall } from '@sandbox/protos';
import type { HealthCheckResponse__Output } from '@sandbox/protos/generated/grpc/health/v1/HealthCheckResponse';
import type { Clients, ServiceName } from '../conversion/clients';
import type { Config } from '../config';

export interface ServiceHealth {
  status: string; // SERVING, NOT_SERVING, or UNREACHABLE when the check itself failed
  latencyMs: number;
}

export function healthRoutes(clients: Clients, config: Config): Router {
  const router = Router();

  async function check(name: ServiceName): Promise<ServiceHealth> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const reply = await unaryCall<HealthCheckResponse__Output>((done) =>
        clients.health[name].check({ service: '' }, new grpc.Metadata(), { deadline: deadlineIn(config.healthDeadlineMs) }, done),
      );
      return { status: reply.status, latencyMs: elapsed() };
    } catch {
      return { status: 'UNREACHABLE', latencyMs: elapsed() };
    }
  }

  // the gateway process itself is up, whatever its services do (liveness, for Kubernetes and Docker)
  router.get('/live', (_req, res) => {
    res.json({ status: 'SERVING' });
  });

  router.get('/', async (_req, res) => {
    const names: ServiceName[] = ['user-service', 'product-service', 'order-service'];
    const results = await Promise.all(names.map(check));
    const services = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    const down = names.filter((_name, i) => results[i].status !== 'SERVING');
    if (down.length === 0) return res.json({ status: 'SERVING', services });
    return res.status(503).json({
      status: 'NOT_SERVING',
      services,
      error: { code: 'UNAVAILABLE', message: `not serving: ${down.join(', ')}` },
    });
  });

  return router;
}
