// Builds user-service's gRPC server (handlers + health + reflection). Listening is index.ts's job,
// so tests can bind the same server to a free port.
import type { Logger, PlugIn } from '@sandbox/protos';
import { createGrpcServer, unary, type GrpcService, type ServiceState } from '@sandbox/protos/src/server';
import type { UserServiceHandlers } from '@sandbox/protos/generated/user/UserService';
import { createHandlers } from './handlers';
import type { UserStore } from './store';

export interface ServerOptions {
  log: Logger;
  plugIns?: PlugIn[]; // work beside the diagram around every call: the lab's, the secret's (index.ts)
  passwordHashCost?: number; // PASSWORD_HASH_COST (config.ts); 16384 unless told
}

export function createServer(store: UserStore, options: ServerOptions): GrpcService {
  return serve(createRpcs(store, options), options.plugIns);
}

/** user-service's RPCs over `store`: what its server serves, at start and after each reset (index.ts). */
export function createRpcs(store: UserStore, options: Pick<ServerOptions, 'log' | 'passwordHashCost'>): ServiceState {
  const handlers = createHandlers(store, options.passwordHashCost);
  const context = { name: 'user-service', log: options.log };
  const rpcs: UserServiceHandlers = {
    CreateUser: unary(handlers.createUser, context),
    GetUser: unary(handlers.getUser, context),
    ListUsers: unary(handlers.listUsers, context),
    UpdateUser: unary(handlers.updateUser, context),
    DeleteUser: unary(handlers.deleteUser, context),
    CheckPassword: unary(handlers.checkPassword, context),
    CheckSession: unary(handlers.checkSession, context),
  };
  return { handlers: rpcs };
}

/** A gRPC server that serves `rpcs` (createRpcs), with the plug-ins around every call. */
export function serve(rpcs: ServiceState, plugIns?: PlugIn[]): GrpcService {
  return createGrpcServer({ protoFile: 'user.proto', serviceName: 'user.UserService', ...rpcs, plugIns });
}
