// The switches of the chapters, changed while the sandbox runs: AUTH (../auth), RATE_LIMIT
// (../rate-limit), CACHE_TTL_MS (../cache) and order-service's ORDER_SAGA start from the environment
// (config.ts), and PATCH /lab/settings (the page's lab controls, `npm run cli -- settings …`) changes
// them. The middleware reads them on every request.
import { ConfigError } from '@sandbox/protos';
import { parseAuthMode } from '@sandbox/gateway-secret';

export type AuthMode = 'off' | 'required';

export interface RateLimit {
  limit: number; // requests …
  windowMs: number; // … per this many milliseconds
  text: string; // as written: "5/min"
}

export type SagaMode = 'off' | 'on';

export interface Switches {
  auth: AuthMode;
  rateLimit: RateLimit | undefined; // undefined: off
  cacheTtlMs: number; // 0: off
  // not the gateway's own: order-service's saga (ORDER_SAGA, lesson 16), switched from the same place
  saga: SagaMode;
}

/** The switches as JSON: { "auth": "off", "rateLimit": "5/min", "cacheTtlMs": 30000, "saga": "off" }. */
export function describeSwitches(switches: Switches): {
  auth: AuthMode;
  rateLimit: string;
  cacheTtlMs: number;
  saga: SagaMode;
} {
  return {
    auth: switches.auth,
    rateLimit: switches.rateLimit?.text ?? 'off',
    cacheTtlMs: switches.cacheTtlMs,
    saga: switches.saga,
  };
}

/** ORDER_SAGA: "off" (the default: the diagram's flow) or "on" (stock, payment, compensation). */
export function parseSagaMode(value: string | undefined): SagaMode {
  const text = (value ?? '').trim();
  if (text === '' || text === 'off') return 'off';
  if (text === 'on') return 'on';
  throw new ConfigError(`ORDER_SAGA must be off or on; not ${JSON.stringify(text.slice(0, 40))}`);
}

export { parseAuthMode };

const UNITS: Record<string, number> = { s: 1000, min: 60_000 };
const MAX_LIMIT = 1_000_000;

/** RATE_LIMIT: "off" (or empty), or "<n>/s" or "<n>/min", e.g. "5/min": 5 requests a minute per client. */
export function parseRateLimit(value: string | undefined): RateLimit | undefined {
  const text = (value ?? '').trim();
  if (text === '' || text === 'off') return undefined;
  const match = /^(\d{1,7})\/(s|min)$/.exec(text);
  const limit = Number(match?.[1]);
  if (!match || limit < 1 || limit > MAX_LIMIT) {
    throw new ConfigError(
      `RATE_LIMIT must be off or <requests>/<s|min> with 1 to ${MAX_LIMIT} requests, such as 5/min; not ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return { limit, windowMs: UNITS[match[2]], text };
}

const MAX_TTL_MS = 24 * 60 * 60 * 1000;

/** CACHE_TTL_MS: how long a cached answer is served, in milliseconds; 0 (or off) turns the cache off. */
export function parseCacheTtl(value: string | number | undefined): number {
  const text = String(value ?? '').trim();
  if (text === '' || text === 'off') return 0;
  const ms = Number(text);
  if (!/^\d{1,9}$/.test(text) || ms > MAX_TTL_MS) {
    throw new ConfigError(
      `CACHE_TTL_MS must be a whole number of milliseconds from 0 (off) to ${MAX_TTL_MS} (a day); not ${JSON.stringify(text.slice(0, 40))}`,
    );
  }
  return ms;
}
