import { ConfigError } from '@sandbox/protos';
import { eventsKept } from '@sandbox/events';
import { serviceAuth, type ServiceAuth } from '@sandbox/gateway-secret';

// Every environment variable product-service reads, with a default that works for `npm start`. The lab
// reads its own (LOG_LEVEL, LOG_FORMAT, FAULT_INJECTION…: lab/src/settings.ts).
export interface Config {
  host: string;
  port: number;
  replicaName: string | undefined;
  orderServiceAddr: string;
  reservationTtlMs: number;
  eventsKept: number;
  shutdownGraceMs: number;
  auth: ServiceAuth;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // The interface to listen on; docker-compose sets 0.0.0.0 so other containers can reach it.
    host: env.PRODUCT_SERVICE_HOST ?? '127.0.0.1',
    // DIAGRAM: product-service is on port 50052.
    port: Number(env.PRODUCT_SERVICE_PORT ?? 50052),
    // REPLICA_NAME: this process's name when product-service runs as several (npm run sandbox -- scale,
    // lesson 22): "product-service-2". Its log lines and the trace say which replica answered.
    replicaName: env.REPLICA_NAME || undefined,
    // Where to reach order-service, whose events product-service follows (src/stock/order-events.ts).
    orderServiceAddr: env.ORDER_SERVICE_ADDR ?? 'localhost:50053',
    // How long stock stays held for an order that is not confirmed (src/stock/, lesson 16).
    reservationTtlMs: reservationTtl(env.RESERVATION_TTL_MS ?? '10000'),
    // EVENTS_KEPT: the stock events kept for subscribers to resume from (WatchStock, lesson 18, src/stock/).
    eventsKept: eventsKept(env.EVENTS_KEPT),
    // How long calls in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // AUTH=required (tutorial lesson 11): serve only calls that carry GATEWAY_SECRET, the secret
    // every process of the sandbox shares (npm start makes one). The page and the CLI switch it at run time.
    auth: serviceAuth(env.AUTH, env.GATEWAY_SECRET),
  };
}

// a lease shorter than a saga's steps would release every order's stock before it is confirmed
function reservationTtl(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms < 100 || ms > 3_600_000) {
    throw new ConfigError(
      `RESERVATION_TTL_MS must be whole milliseconds from 100 to 3600000 (an hour); not ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return ms;
}
