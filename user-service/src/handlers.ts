// One function per RPC of user.proto, named like the RPC. Each validates what it receives
// (grpcurl and Postman can call this service directly, without the gateway), then uses the store.
import { alreadyExists, isValidEmail, isValidId, isValidName, notFound, pageOf, requireValid } from '@sandbox/protos';
import type { CreateUserRequest__Output } from '@sandbox/protos/generated/user/CreateUserRequest';
import type { DeleteUserRequest__Output } from '@sandbox/protos/generated/user/DeleteUserRequest';
import type { DeleteUserResponse } from '@sandbox/protos/generated/user/DeleteUserResponse';
import type { GetUserRequest__Output } from '@sandbox/protos/generated/user/GetUserRequest';
import type { ListUsersRequest__Output } from '@sandbox/protos/generated/user/ListUsersRequest';
import type { UpdateUserRequest__Output } from '@sandbox/protos/generated/user/UpdateUserRequest';
import type { User, UserStore } from './store';

export function createHandlers(store: UserStore) {
  function requireUser(id: string): User {
    requireValid('id', isValidId(id));
    const user = store.get(id);
    if (!user) throw notFound(`user ${id} not found`);
    return user;
  }

  function requireFreeEmail(email: string, exceptUserId?: string): void {
    const owner = store.findByEmail(email);
    if (owner && owner.id !== exceptUserId) throw alreadyExists(`a user with email ${email} already exists`);
  }

  return {
    createUser(request: CreateUserRequest__Output): User {
      requireValid('name', isValidName(request.name));
      requireValid('email', isValidEmail(request.email));
      requireFreeEmail(request.email);
      return store.create({ name: request.name, email: request.email });
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

    updateUser(request: UpdateUserRequest__Output): User {
      requireUser(request.id);
      if (request.name !== undefined) requireValid('name', isValidName(request.name));
      if (request.email !== undefined) {
        requireValid('email', isValidEmail(request.email));
        requireFreeEmail(request.email, request.id);
      }
      return store.update(request.id, { name: request.name, email: request.email }) as User;
    },

    deleteUser(request: DeleteUserRequest__Output): DeleteUserResponse {
      requireUser(request.id);
      store.delete(request.id);
      return {};
    },
  };
}

export type UserHandlers = ReturnType<typeof createHandlers>;
