import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CheckPasswordRequest as _user_CheckPasswordRequest, CheckPasswordRequest__Output as _user_CheckPasswordRequest__Output } from './user/CheckPasswordRequest';
import type { CheckPasswordResponse as _user_CheckPasswordResponse, CheckPasswordResponse__Output as _user_CheckPasswordResponse__Output } from './user/CheckPasswordResponse';
import type { CheckSessionRequest as _user_CheckSessionRequest, CheckSessionRequest__Output as _user_CheckSessionRequest__Output } from './user/CheckSessionRequest';
import type { CheckSessionResponse as _user_CheckSessionResponse, CheckSessionResponse__Output as _user_CheckSessionResponse__Output } from './user/CheckSessionResponse';
import type { CreateUserRequest as _user_CreateUserRequest, CreateUserRequest__Output as _user_CreateUserRequest__Output } from './user/CreateUserRequest';
import type { DeleteUserRequest as _user_DeleteUserRequest, DeleteUserRequest__Output as _user_DeleteUserRequest__Output } from './user/DeleteUserRequest';
import type { DeleteUserResponse as _user_DeleteUserResponse, DeleteUserResponse__Output as _user_DeleteUserResponse__Output } from './user/DeleteUserResponse';
import type { GetUserRequest as _user_GetUserRequest, GetUserRequest__Output as _user_GetUserRequest__Output } from './user/GetUserRequest';
import type { ListUsersRequest as _user_ListUsersRequest, ListUsersRequest__Output as _user_ListUsersRequest__Output } from './user/ListUsersRequest';
import type { ListUsersResponse as _user_ListUsersResponse, ListUsersResponse__Output as _user_ListUsersResponse__Output } from './user/ListUsersResponse';
import type { UpdateUserRequest as _user_UpdateUserRequest, UpdateUserRequest__Output as _user_UpdateUserRequest__Output } from './user/UpdateUserRequest';
import type { User as _user_User, User__Output as _user_User__Output } from './user/User';
import type { UserServiceClient as _user_UserServiceClient, UserServiceDefinition as _user_UserServiceDefinition } from './user/UserService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  user: {
    CheckPasswordRequest: MessageTypeDefinition<_user_CheckPasswordRequest, _user_CheckPasswordRequest__Output>
    CheckPasswordResponse: MessageTypeDefinition<_user_CheckPasswordResponse, _user_CheckPasswordResponse__Output>
    CheckSessionRequest: MessageTypeDefinition<_user_CheckSessionRequest, _user_CheckSessionRequest__Output>
    CheckSessionResponse: MessageTypeDefinition<_user_CheckSessionResponse, _user_CheckSessionResponse__Output>
    CreateUserRequest: MessageTypeDefinition<_user_CreateUserRequest, _user_CreateUserRequest__Output>
    DeleteUserRequest: MessageTypeDefinition<_user_DeleteUserRequest, _user_DeleteUserRequest__Output>
    DeleteUserResponse: MessageTypeDefinition<_user_DeleteUserResponse, _user_DeleteUserResponse__Output>
    GetUserRequest: MessageTypeDefinition<_user_GetUserRequest, _user_GetUserRequest__Output>
    ListUsersRequest: MessageTypeDefinition<_user_ListUsersRequest, _user_ListUsersRequest__Output>
    ListUsersResponse: MessageTypeDefinition<_user_ListUsersResponse, _user_ListUsersResponse__Output>
    UpdateUserRequest: MessageTypeDefinition<_user_UpdateUserRequest, _user_UpdateUserRequest__Output>
    User: MessageTypeDefinition<_user_User, _user_User__Output>
    UserService: SubtypeConstructor<typeof grpc.Client, _user_UserServiceClient> & { service: _user_UserServiceDefinition }
  }
}

