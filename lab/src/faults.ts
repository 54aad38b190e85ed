// Fault injection for labs and tests: a client asks, per request, for a service to be slow or to
// fail, without restarting anything:
//   x-fault-delay: product=300          product-service waits 300 ms before it answers
//   x-fault-fail: user=UNAVAILABLE      user-service fails with UNAVAILABLE
//   x-fault-fail: payment=UNAVAILABLE   order-service's mock payment step fails (lesson 16)
// Several targets are separated by commas: "user=200,product=300". The gateway passes the headers
// on as gRPC metadata, the lab's client interceptor passes them on with every call a request
// causes, and its server interceptor makes the named service obey them (grpc.ts).
// FAULT_INJECTION=off switches it off; delays are capped.
import * as grpc from '@grpc/grpc-js';
import { GrpcError } from '@sandbox/protos';

export const FAULT_DELAY = 'x-fault-delay';
export const FAULT_FAIL = 'x-fault-fail';
export const FAULT_TARGETS = ['user', 'product', 'order', 'payment'] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export interface FaultSettings {
  enabled: boolean; // FAULT_INJECTION (default on; "off" to refuse them)
  maxDelayMs: number; // FAULT_MAX_DELAY_MS: the longest delay anyone may ask for
}

export interface Faults {
  delayMs: Partial<Record<FaultTarget, number>>;
  fail: Partial<Record<FaultTarget, grpc.status>>;
}

/** Reads both headers (or metadata values); a malformed one is INVALID_ARGUMENT saying what is wrong. */
export function parseFaults(
  delayHeader: string | undefined,
  failHeader: string | undefined,
  maxDelayMs: number,
): Faults {
  const faults: Faults = { delayMs: {}, fail: {} };
  for (const [target, value] of pairs(FAULT_DELAY, delayHeader)) {
    const ms = Number(value);
    if (!/^\d+$/.test(value) || ms > maxDelayMs) {
      throw badHeader(FAULT_DELAY, `${target}=${value}: the delay must be whole milliseconds from 0 to ${maxDelayMs}`);
    }
    faults.delayMs[target] = ms;
  }
  for (const [target, value] of pairs(FAULT_FAIL, failHeader)) {
    const code = grpc.status[value as keyof typeof grpc.status];
    if (typeof code !== 'number' || code === grpc.status.OK) {
      throw badHeader(
        FAULT_FAIL,
        `${target}=${value}: the failure must be a gRPC status name such as UNAVAILABLE or INTERNAL`,
      );
    }
    faults.fail[target] = code;
  }
  return faults;
}

function pairs(header: string, value: string | undefined): Array<[FaultTarget, string]> {
  if (!value) return [];
  return value.split(',').map((part) => {
    const [target, setting] = part
      .trim()
      .split('=')
      .map((s) => s?.trim());
    if (!FAULT_TARGETS.includes(target as FaultTarget) || !setting) {
      throw badHeader(header, `"${part.trim()}" should look like ${FAULT_TARGETS.map((t) => `${t}=…`).join(' or ')}`);
    }
    return [target as FaultTarget, setting];
  });
}

function badHeader(header: string, problem: string): GrpcError {
  return new GrpcError(grpc.status.INVALID_ARGUMENT, `${header} ${problem}`);
}

export function hasFaults(faults: Faults): boolean {
  return Object.keys(faults.delayMs).length > 0 || Object.keys(faults.fail).length > 0;
}

/** What the faults of a call ask of the service `target` ("user" for user-service): a delay, a failure. */
export function faultsFor(
  metadata: grpc.Metadata,
  target: FaultTarget,
  settings: FaultSettings,
): { delayMs: number; fail?: grpc.status } {
  if (!settings.enabled) return { delayMs: 0 };
  const faults = parseFaults(
    metadataValue(metadata, FAULT_DELAY),
    metadataValue(metadata, FAULT_FAIL),
    settings.maxDelayMs,
  );
  return { delayMs: faults.delayMs[target] ?? 0, fail: faults.fail[target] };
}

export function metadataValue(metadata: grpc.Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  return value === undefined ? undefined : String(value);
}
