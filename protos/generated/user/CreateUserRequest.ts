// Original file: protos/user.proto


export interface CreateUserRequest {
  'name'?: (string);
  'email'?: (string);
  'password'?: (string);
}

export interface CreateUserRequest__Output {
  'name': (string);
  'email': (string);
  'password': (string);
}
