// Builds user-service's gRPC server (handlers + health + reflection). Listening is index.ts's job,
// so tests can bind the same server to a free port.
import { createGrpcServer, unary, type GrpcService, type ServiceContext } from '@sandbox/protos';
import type { UserServiceHandlers } from '@sandbox/protos/generated/user/UserService';
import { createHandlers } from './handlers';
import type { UserStore } from './store';

export function createServer(store: UserStore, context: ServiceContext): GrpcService {
  const handlers = createHandlers(store);
  const rpcs: UserServiceHandlers = {
    CreateUser: unary(handlers.createUser, context),
    GetUser: unary(handlers.getUser, context),
    ListUsers: unary(handlers.listUsers, context),
    UpdateUser: unary(handlers.updateUser, context),
    DeleteUser: unary(handlers.deleteUser, context),
  };
  return createGrpcServer({ protoFile: 'user.proto', serviceName: 'user.UserService', handlers: rpcs });
}
