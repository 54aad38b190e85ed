import { eventsKept } from '@sandbox/events';
import { serviceAuth, type ServiceAuth } from '@sandbox/gateway-secret';
import { sagaSwitch, type SagaSwitch } from './saga/switch';

// Every environment variable order-service reads, with a default that works for `npm start`. The lab
// reads its own (LOG_LEVEL, LOG_FORMAT, FAULT_INJECTION…: lab/src/settings.ts).
export interface Config {
  host: string;
  port: number;
  userServiceAddr: string;
  productServiceAddr: string;
  lookupDeadlineMs: number;
  saga: SagaSwitch;
  eventsKept: number;
  shutdownGraceMs: number;
  auth: ServiceAuth;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // The interface to listen on; docker-compose sets 0.0.0.0 so other containers can reach it.
    host: env.ORDER_SERVICE_HOST ?? '127.0.0.1',
    // DIAGRAM: order-service is on port 50053.
    port: Number(env.ORDER_SERVICE_PORT ?? 50053),
    // Where to reach user-service and product-service (docker-compose: user-service:50051, …).
    userServiceAddr: env.USER_SERVICE_ADDR ?? 'localhost:50051',
    productServiceAddr: env.PRODUCT_SERVICE_ADDR ?? 'localhost:50052',
    // The longest GetUser/GetProduct may take; a shorter deadline from the caller wins.
    lookupDeadlineMs: Number(env.LOOKUP_DEADLINE_MS ?? 2000),
    // ORDER_SAGA=on: orders reserve stock, take a payment and confirm, or undo what they did (lesson
    // 16, src/saga/). Off (the default): the diagram's flow, exactly. The page and the CLI switch it at run time.
    saga: sagaSwitch(env.ORDER_SAGA),
    // EVENTS_KEPT: the events kept for subscribers to resume from (WatchOrders, lesson 18, src/events/).
    eventsKept: eventsKept(env.EVENTS_KEPT),
    // How long calls in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // AUTH=required (tutorial lesson 11): serve only calls that carry GATEWAY_SECRET, the secret
    // every process of the sandbox shares (npm start makes one). The page and the CLI switch it at run time.
    auth: serviceAuth(env.AUTH, env.GATEWAY_SECRET),
  };
}
