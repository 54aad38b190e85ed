// Original file: protos/user.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CheckPasswordRequest as _user_CheckPasswordRequest, CheckPasswordRequest__Output as _user_CheckPasswordRequest__Output } from '../user/CheckPasswordRequest';
import type { CheckPasswordResponse as _user_CheckPasswordResponse, CheckPasswordResponse__Output as _user_CheckPasswordResponse__Output } from '../user/CheckPasswordResponse';
import type { CheckSessionRequest as _user_CheckSessionRequest, CheckSessionRequest__Output as _user_CheckSessionRequest__Output } from '../user/CheckSessionRequest';
import type { CheckSessionResponse as _user_CheckSessionResponse, CheckSessionResponse__Output as _user_CheckSessionResponse__Output } from '../user/CheckSessionResponse';
import type { CreateUserRequest as _user_CreateUserRequest, CreateUserRequest__Output as _user_CreateUserRequest__Output } from '../user/CreateUserRequest';
import type { DeleteUserRequest as _user_DeleteUserRequest, DeleteUserRequest__Output as _user_DeleteUserRequest__Output } from '../user/DeleteUserRequest';
import type { DeleteUserResponse as _user_DeleteUserResponse, DeleteUserResponse__Output as _user_DeleteUserResponse__Output } from '../user/DeleteUserResponse';
import type { GetUserRequest as _user_GetUserRequest, GetUserRequest__Output as _user_GetUserRequest__Output } from '../user/GetUserRequest';
import type { ListUsersRequest as _user_ListUsersRequest, ListUsersRequest__Output as _user_ListUsersRequest__Output } from '../user/ListUsersRequest';
import type { ListUsersResponse as _user_ListUsersResponse, ListUsersResponse__Output as _user_ListUsersResponse__Output } from '../user/ListUsersResponse';
import type { UpdateUserRequest as _user_UpdateUserRequest, UpdateUserRequest__Output as _user_UpdateUserRequest__Output } from '../user/UpdateUserRequest';
import type { User as _user_User, User__Output as _user_User__Output } from '../user/User';

export interface UserServiceClient extends grpc.Client {
  CheckPassword(argument: _user_CheckPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  CheckPassword(argument: _user_CheckPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  CheckPassword(argument: _user_CheckPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  CheckPassword(argument: _user_CheckPasswordRequest, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  checkPassword(argument: _user_CheckPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  checkPassword(argument: _user_CheckPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  checkPassword(argument: _user_CheckPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  checkPassword(argument: _user_CheckPasswordRequest, callback: grpc.requestCallback<_user_CheckPasswordResponse__Output>): grpc.ClientUnaryCall;
  
  CheckSession(argument: _user_CheckSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  CheckSession(argument: _user_CheckSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  CheckSession(argument: _user_CheckSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  CheckSession(argument: _user_CheckSessionRequest, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  checkSession(argument: _user_CheckSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  checkSession(argument: _user_CheckSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  checkSession(argument: _user_CheckSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  checkSession(argument: _user_CheckSessionRequest, callback: grpc.requestCallback<_user_CheckSessionResponse__Output>): grpc.ClientUnaryCall;
  
  CreateUser(argument: _user_CreateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  CreateUser(argument: _user_CreateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  CreateUser(argument: _user_CreateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  CreateUser(argument: _user_CreateUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  createUser(argument: _user_CreateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  createUser(argument: _user_CreateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  createUser(argument: _user_CreateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  createUser(argument: _user_CreateUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  
  DeleteUser(argument: _user_DeleteUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  DeleteUser(argument: _user_DeleteUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  DeleteUser(argument: _user_DeleteUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  DeleteUser(argument: _user_DeleteUserRequest, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  deleteUser(argument: _user_DeleteUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  deleteUser(argument: _user_DeleteUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  deleteUser(argument: _user_DeleteUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  deleteUser(argument: _user_DeleteUserRequest, callback: grpc.requestCallback<_user_DeleteUserResponse__Output>): grpc.ClientUnaryCall;
  
  GetUser(argument: _user_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_GetUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_GetUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  
  ListUsers(argument: _user_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _user_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _user_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _user_ListUsersRequest, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _user_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _user_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _user_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _user_ListUsersRequest, callback: grpc.requestCallback<_user_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateUser(argument: _user_UpdateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _user_UpdateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _user_UpdateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  UpdateUser(argument: _user_UpdateUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _user_UpdateUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _user_UpdateUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _user_UpdateUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  updateUser(argument: _user_UpdateUserRequest, callback: grpc.requestCallback<_user_User__Output>): grpc.ClientUnaryCall;
  
}

export interface UserServiceHandlers extends grpc.UntypedServiceImplementation {
  CheckPassword: grpc.handleUnaryCall<_user_CheckPasswordRequest__Output, _user_CheckPasswordResponse>;
  
  CheckSession: grpc.handleUnaryCall<_user_CheckSessionRequest__Output, _user_CheckSessionResponse>;
  
  CreateUser: grpc.handleUnaryCall<_user_CreateUserRequest__Output, _user_User>;
  
  DeleteUser: grpc.handleUnaryCall<_user_DeleteUserRequest__Output, _user_DeleteUserResponse>;
  
  GetUser: grpc.handleUnaryCall<_user_GetUserRequest__Output, _user_User>;
  
  ListUsers: grpc.handleUnaryCall<_user_ListUsersRequest__Output, _user_ListUsersResponse>;
  
  UpdateUser: grpc.handleUnaryCall<_user_UpdateUserRequest__Output, _user_User>;
  
}

export interface UserServiceDefinition extends grpc.ServiceDefinition {
  CheckPassword: MethodDefinition<_user_CheckPasswordRequest, _user_CheckPasswordResponse, _user_CheckPasswordRequest__Output, _user_CheckPasswordResponse__Output>
  CheckSession: MethodDefinition<_user_CheckSessionRequest, _user_CheckSessionResponse, _user_CheckSessionRequest__Output, _user_CheckSessionResponse__Output>
  CreateUser: MethodDefinition<_user_CreateUserRequest, _user_User, _user_CreateUserRequest__Output, _user_User__Output>
  DeleteUser: MethodDefinition<_user_DeleteUserRequest, _user_DeleteUserResponse, _user_DeleteUserRequest__Output, _user_DeleteUserResponse__Output>
  GetUser: MethodDefinition<_user_GetUserRequest, _user_User, _user_GetUserRequest__Output, _user_User__Output>
  ListUsers: MethodDefinition<_user_ListUsersRequest, _user_ListUsersResponse, _user_ListUsersRequest__Output, _user_ListUsersResponse__Output>
  UpdateUser: MethodDefinition<_user_UpdateUserRequest, _user_User, _user_UpdateUserRequest__Output, _user_User__Output>
}
