// One function per RPC of user.proto, named like the RPC. Each validates what it receives
// (grpcurl and Postman can call this service directly, without the gateway), then uses the store.
import { status } from '@grpc/grpc-js';
import {
  alreadyExists,
  GrpcError,
  isValidEmail,
  LIMITS,
  isValidId,
  isValidName,
  isValidPassword,
  notFound,
  pageOf,
  requireValid,
} from '@sandbox/protos';
import type { CheckPasswordRequest__Output } from '@sandbox/protos/generated/user/CheckPasswordRequest';
import type { CheckPasswordResponse } from '@sandbox/protos/generated/user/CheckPasswordResponse';
import type { CheckSessionRequest__Output } from '@sandbox/protos/generated/user/CheckSessionRequest';
import type { CheckSessionResponse } from '@sandbox/protos/generated/user/CheckSessionResponse';
import type { CreateUserRequest__Output } from '@sandbox/protos/generated/user/CreateUserRequest';
import type { DeleteUserRequest__Output } from '@sandbox/protos/generated/user/DeleteUserRequest';
import type { DeleteUserResponse } from '@sandbox/protos/generated/user/DeleteUserResponse';
import type { GetUserRequest__Output } from '@sandbox/protos/generated/user/GetUserRequest';
import type { ListUsersRequest__Output } from '@sandbox/protos/generated/user/ListUsersRequest';
import type { UpdateUserRequest__Output } from '@sandbox/protos/generated/user/UpdateUserRequest';
import { DEFAULT_HASH_COST, hashPassword, isPassword } from './passwords';
import { isSessionKey } from './sessions';
import type { User, UserStore } from './store';

// passwordHashCost: the cost of the hashes made here (PASSWORD_HASH_COST, config.ts)
export function createHandlers(store: UserStore, passwordHashCost = DEFAULT_HASH_COST) {
  function requireUser(id: string): User {
    requireValid('id', isValidId(id));
    const user = store.get(id);
    // exercise not-found ▼
    if (!user) throw notFound(`user ${id} not found`);
    // exercise not-found ▲
    return user;
  }

  function requireFreeEmail(email: string, exceptUserId?: string): void {
    const owner = store.findByEmail(email);
    if (owner && owner.id !== exceptUserId) throw alreadyExists(`a user with email ${email} already exists`);
  }

  // A process gives new users the ids of its block only (NEW_USER_IDS_FROM to NEW_USER_IDS_TO):
  // npm start gives the next start another block, and an id must not come back (config.ts)
  function requireIdLeft(): void {
    const ids = store.newUserIds();
    if (!ids.left)
      throw new GrpcError(
        status.RESOURCE_EXHAUSTED,
        `no user id is left for a new user: this user-service gives ids ${ids.from} to ${ids.to}, and has given them all`,
      );
  }

  return {
    // the password is optional ("": none; such a user cannot log in) and only its hash is kept
    async createUser(request: CreateUserRequest__Output): Promise<User> {
      requireValid('name', isValidName(request.name));
      requireValid('email', isValidEmail(request.email));
      if (request.password) requireValid('password', isValidPassword(request.password));
      requireFreeEmail(request.email);
      const passwordHash = request.password ? await hashPassword(request.password, passwordHashCost) : '';
      requireFreeEmail(request.email); // again: another call may have taken it while we hashed
      requireIdLeft();
      return store.create({ name: request.name, email: request.email, passwordHash });
    },

    // DIAGRAM step 4a: order-service asks for user "1" and gets John back.
    getUser(request: GetUserRequest__Output): User {
      return requireUser(request.id);
    },

    // one page at a time (protos/src/paging.ts)
    listUsers(request: ListUsersRequest__Output): { users: User[]; nextPageToken: string } {
      const { items, nextPageToken } = pageOf(store.list(), request);
      return { users: items, nextPageToken };
    },

    async updateUser(request: UpdateUserRequest__Output): Promise<User> {
      requireUser(request.id);
      if (request.name !== undefined) requireValid('name', isValidName(request.name));
      if (request.email !== undefined) requireValid('email', isValidEmail(request.email));
      if (request.password !== undefined) requireValid('password', isValidPassword(request.password));
      const passwordHash =
        request.password === undefined ? undefined : await hashPassword(request.password, passwordHashCost);
      // checked after hashing: the user or the email may have changed meanwhile
      requireUser(request.id);
      if (request.email !== undefined) requireFreeEmail(request.email, request.id);
      return store.update(request.id, { name: request.name, email: request.email, passwordHash }) as User;
    },

    deleteUser(request: DeleteUserRequest__Output): DeleteUserResponse {
      requireUser(request.id);
      store.delete(request.id);
      return {};
    },

    // Login (lesson 11): the same answer for an unknown email and a wrong password
    async checkPassword(request: CheckPasswordRequest__Output): Promise<CheckPasswordResponse> {
      // no stored password is longer: do not spend a hash on a megabyte sent straight over gRPC
      if ([...request.password].length > LIMITS.passwordMaxLength)
        throw new GrpcError(status.UNAUTHENTICATED, 'wrong email or password');
      const found = store.credentialsOf(request.email);
      const right = await isPassword(request.password, found?.passwordHash, passwordHashCost);
      // checked after hashing too: the user may have been deleted meanwhile
      if (!found || !right || !store.get(found.user.id))
        throw new GrpcError(status.UNAUTHENTICATED, 'wrong email or password');
      // the key as it was with the password just checked: if that password changed meanwhile, the
      // token made with this key is refused, as it should be
      return { user: found.user, role: found.role, sessionKey: found.sessionKey };
    },

    // Is a login still good? (lesson 11): only while the user is there and the key is theirs. A user
    // gone, a key replaced, an id or a key that makes no sense: the same answer, and no
    // INVALID_ARGUMENT, so a caller learns that the token is no good and nothing else
    checkSession(request: CheckSessionRequest__Output): CheckSessionResponse {
      const found = store.sessionOf(request.userId);
      if (!found || !isSessionKey(request.sessionKey, found.sessionKey))
        throw new GrpcError(status.UNAUTHENTICATED, 'the session is no longer valid');
      return { user: found.user, role: found.role };
    },
  };
}

export type UserHandlers = ReturnType<typeof createHandlers>;
