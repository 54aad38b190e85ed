// Helpers for the services' tests (not used at run time).
import type * as grpc from '@grpc/grpc-js';
import { GrpcError } from './src/errors';
import type { Logger } from './src/process';
import { listen, stop, type GrpcService } from './src/server';

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

/**
 * For one `describe` block: serves the service that `makeServer` builds on a free loopback port,
 * with a client of it, and stops both afterwards.
 *   const served = servedForTests(() => createServer(store, { log: silentLog }), (address) => new UserService(address, insecure));
 *   … served.client.getUser(…)
 */
export function servedForTests<Client extends grpc.Client>(
  makeServer: () => GrpcService,
  makeClient: (address: string) => Client,
): { client: Client } {
  const served = {} as { client: Client; service: GrpcService };
  before(async () => {
    served.service = makeServer();
    served.client = makeClient(`127.0.0.1:${await listen(served.service, '127.0.0.1', 0)}`);
  });
  after(async () => {
    served.client.close();
    await stop(served.service, 1000);
  });
  return served;
}
