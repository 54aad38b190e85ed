// Helpers for the services' tests (not used at run time).
import { GrpcError } from './src/errors';
import type { Logger } from './src/server';

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

/** A logger that says nothing, for tests. */
export const silentLog: Logger = { info() {}, warn() {}, error() {}, fatal() {} };
