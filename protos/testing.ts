// Helpers for the services' tests (not used at run time).
import { GrpcError } from './src/errors';
import { createLogger } from './src/log';
import type { ServiceContext } from './src/server';

/** The [code, message] of the GrpcError that `action` throws or rejects with; fails if there is none. */
export async function grpcErrorOf(action: () => unknown): Promise<[number, string]> {
  try {
    await action();
  } catch (error) {
    if (error instanceof GrpcError) return [error.code, error.details];
    throw error;
  }
  throw new Error('expected a GrpcError, but the call succeeded');
}

/** A service context for tests: a silent logger, fault injection on. */
export function testContext(name: ServiceContext['name']): ServiceContext {
  const log = createLogger(name);
  log.level = 'silent';
  return { name, log, faults: { enabled: true, maxDelayMs: 10_000 } };
}
