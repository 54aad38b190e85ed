// Original file: protos/user.proto


export interface DeleteUserRequest {
  'id'?: (string);
}

export interface DeleteUserRequest__Output {
  'id': (string);
}
