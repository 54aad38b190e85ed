import { randomBytes } from 'node:crypto';
import { ConfigError } from '@sandbox/protos';
import { EMAILS_COUNTED } from './auth/login-throttle';
import type { FutureConfig } from './chapters';
import { parseAuthMode, parseCacheTtl, parseRateLimit, parseSagaMode } from './settings/switches';

// Every environment variable the gateway reads, with a default that works for `npm start`. The lab
// reads its own (LOG_LEVEL, LOG_FORMAT, FAULT_INJECTION, TRACE_STREAMS_MAX…: lab/src/settings.ts),
// and the launcher's relay its own (SANDBOX_CONTROL: launcher/src/control-client.ts).
export interface Config {
  host: string;
  port: number;
  userServiceAddr: string;
  productServiceAddr: string;
  orderServiceAddr: string;
  deadlineMs: number;
  healthDeadlineMs: number;
  bodyLimit: string;
  shutdownGraceMs: number;
  allowedHosts: string[];
  future: FutureConfig;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // The interface to listen on. Only this machine can reach 127.0.0.1: on a classroom network
    // nobody else can change your data. 0.0.0.0 (every interface) is for containers, and warns.
    host: env.GATEWAY_HOST || '127.0.0.1',
    // DIAGRAM: clients reach the gateway over HTTP/REST on port 3000.
    port: Number(env.GATEWAY_PORT ?? 3000),
    // Where the three gRPC services are (docker-compose: user-service:50051, …).
    userServiceAddr: env.USER_SERVICE_ADDR ?? 'localhost:50051',
    productServiceAddr: env.PRODUCT_SERVICE_ADDR ?? 'localhost:50052',
    orderServiceAddr: env.ORDER_SERVICE_ADDR ?? 'localhost:50053',
    // The deadline of every gRPC call the gateway makes; past it the client gets 504.
    deadlineMs: Number(env.GATEWAY_DEADLINE_MS ?? 2000),
    // The deadline of each health check behind GET /health.
    healthDeadlineMs: Number(env.HEALTH_DEADLINE_MS ?? 1000),
    // Larger request bodies are refused with 413.
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    // How long requests in flight may take to finish after SIGINT/SIGTERM.
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 5000),
    // Host names (besides localhost and IP addresses) that requests may be addressed to, comma
    // separated; "*" allows any. Refusing other names stops a web page reaching the gateway
    // through a name of its own that points here (DNS rebinding).
    allowedHosts: (env.ALLOWED_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    // The diagram's "Future" (chapters.ts: auth/, rate-limit/, cache/); each one is also switched at
    // run time (settings/: /lab/settings).
    future: {
      // AUTH: off (anyone may call the API; a token that is sent is still checked) or required
      // (every /api route but login and sign-up needs Authorization: Bearer <token>). Lesson 11.
      auth: parseAuthMode(env.AUTH),
      // RATE_LIMIT: off, or requests per client per second or minute, such as 5/min. Lesson 12.
      rateLimit: parseRateLimit(env.RATE_LIMIT),
      // CACHE_TTL_MS: how long GET /api/users/:id and /api/products/:id answers are kept; 0 is off. Lesson 13.
      cacheTtlMs: parseCacheTtl(env.CACHE_TTL_MS),
      // ORDER_SAGA: order-service's setting (lesson 16); the gateway shows it and switches it at run time.
      saga: parseSagaMode(env.ORDER_SAGA),
      // JWT_SECRET signs the login tokens: at least 32 characters. Unset, a random one is made at each
      // start, so tokens end with the gateway.
      jwtSecret: readJwtSecret(env.JWT_SECRET),
      // How long a login token is valid, in seconds (15 minutes): a stolen token is not useful for long.
      tokenTtlSeconds: readTokenTtl(env.TOKEN_TTL_SECONDS),
      // How often an open event stream (/traces/stream, /api/events) checks its token again, in
      // milliseconds: it ends once its user is deleted or replaced (lesson 11), and at its expiry.
      tokenRecheckMs: readTokenRecheck(env.TOKEN_RECHECK_MS),
      // How many emails the login throttle counts failed logins for (10,000; lesson 11): when that
      // many are counted, a login for yet another email waits (429) rather than make anyone forgotten.
      loginEmailsCounted: readLoginEmailsCounted(env.LOGIN_EMAILS_COUNTED),
      // The secret every process of the sandbox shares; the gateway sends it with every gRPC call, and
      // with AUTH=required the services take no call without it. npm start makes one at each start.
      gatewaySecret: env.GATEWAY_SECRET || undefined,
    },
  };
}

function readJwtSecret(value: string | undefined): string {
  if (!value) return randomBytes(32).toString('base64url');
  // HS256 wants a key of at least 256 bits; a short one could be guessed from a single token
  if (value.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  return value;
}

function readTokenRecheck(value: string | undefined): number {
  if (value === undefined || value === '') return 15_000;
  const ms = Number(value);
  if (!/^\d{1,7}$/.test(value) || ms < 100) {
    throw new ConfigError(
      `TOKEN_RECHECK_MS must be a whole number of milliseconds from 100 to 9999999; not ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return ms;
}

function readLoginEmailsCounted(value: string | undefined): number {
  if (value === undefined || value === '') return EMAILS_COUNTED;
  const count = Number(value);
  if (!/^\d{1,7}$/.test(value) || count < 1) {
    throw new ConfigError(
      `LOGIN_EMAILS_COUNTED must be a whole number of emails from 1 to 9999999; not ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return count;
}

function readTokenTtl(value: string | undefined): number {
  if (value === undefined || value === '') return 900;
  const seconds = Number(value);
  if (!/^\d{1,6}$/.test(value) || seconds < 1 || seconds > 86_400) {
    throw new ConfigError(
      `TOKEN_TTL_SECONDS must be a whole number of seconds from 1 to 86400 (a day); not ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return seconds;
}
