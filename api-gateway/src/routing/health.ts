// GET /health: asks each service over grpc.health.v1 whether it is SERVING, with its latency.
// 200 when all three serve; 503 naming the ones that do not. `npm start` waits on this to say "ready".
// GET /health/live: 200 as long as the gateway process answers at all.
import { Router } from 'express';
import * as grpc from '@grpc/grpc-js';
import { deadlineIn, unaryCall } from '@sandbox/protos';
import type { HealthCheckResponse__Output } from '@sandbox/protos/generated/grpc/health/v1/HealthCheckResponse';
import type { Clients, ServiceName } from '../conversion/clients';
import type { Config } from '../config';
import { methodNotAllowed } from '../conversion/errors';

// each service's name in its .proto, as its health service knows it
const SERVICE_NAMES: Record<ServiceName, string> = {
  'user-service': 'user.UserService',
  'product-service': 'product.ProductService',
  'order-service': 'order.OrderService',
};

export interface ServiceHealth {
  // SERVING, NOT_SERVING, UNREACHABLE when the check itself failed, or NOT_FOUND when something
  // else answers at the service's address
  status: string;
  latencyMs: number;
}

export function healthRoutes(clients: Clients, config: Config): Router {
  const router = Router();

  async function check(name: ServiceName): Promise<ServiceHealth> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      // asked by its service's name, not "": whatever else listens at that address (another
      // sandbox's service, say, after a mix-up of ports) answers NOT_FOUND rather than SERVING
      const reply = await unaryCall<HealthCheckResponse__Output>((done) =>
        clients.health[name].check(
          { service: SERVICE_NAMES[name] },
          new grpc.Metadata(),
          { deadline: deadlineIn(config.healthDeadlineMs) },
          done,
        ),
      );
      return { status: reply.status, latencyMs: elapsed() };
    } catch (error) {
      const elsewhere = (error as grpc.ServiceError).code === grpc.status.NOT_FOUND;
      return { status: elsewhere ? 'NOT_FOUND' : 'UNREACHABLE', latencyMs: elapsed() };
    }
  }

  // the gateway process itself is up, whatever its services do (liveness, for Kubernetes and Docker)
  router
    .route('/live')
    .get((_req, res) => {
      res.json({ status: 'SERVING' });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/')
    .get(async (_req, res) => {
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
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
