// The lab's settings, read by the lab itself from the environment (each process's config.ts reads
// only what the diagram's code needs). Every one has a default that works for `npm start`.
import { ConfigError } from '@sandbox/protos';
import type { FaultSettings } from './faults';
import type { LogSettings } from './log';

/** LOG_LEVEL (info), LOG_FORMAT (pretty, or json: one JSON object per line), FORCE_COLOR. */
export function logSettings(env: NodeJS.ProcessEnv = process.env): LogSettings {
  return {
    level: env.LOG_LEVEL ?? 'info',
    format: env.LOG_FORMAT === 'json' ? 'json' : 'pretty',
    colour: process.stdout.isTTY || env.FORCE_COLOR !== undefined,
  };
}

/** FAULT_INJECTION=off refuses (gateway) and ignores (services) the x-fault-* headers; FAULT_MAX_DELAY_MS caps the delays. */
export function faultSettings(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  return { enabled: env.FAULT_INJECTION !== 'off', maxDelayMs: Number(env.FAULT_MAX_DELAY_MS ?? 10_000) };
}

/** REPLICA_NAME: this process's name when its service runs as several (lesson 22), set by the launcher. */
export function replicaName(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.REPLICA_NAME || undefined;
}

/** TRACE_STREAMS_MAX: how many browser tabs may follow GET /traces/stream at once (the gateway). */
export function traceStreamsMax(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.TRACE_STREAMS_MAX ?? 20);
}

/**
 * TRACES_PER_SECOND: how many API requests a second the gateway traces at most (sampling.ts): a
 * whole number, 100 unless set; `all` traces every request, however many.
 */
export function tracesPerSecond(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.TRACES_PER_SECOND?.trim() || '100';
  if (value === 'all') return Infinity;
  if (!/^\d{1,9}$/.test(value))
    throw new ConfigError(
      `TRACES_PER_SECOND must be a whole number of requests a second (such as 100, or 0 for none) or "all", not ${JSON.stringify(value.slice(0, 40))}`,
    );
  return Number(value);
}
