// Original file: protos/user.proto


export interface UpdateUserRequest {
  'id'?: (string);
  'name'?: (string);
  'email'?: (string);
  'password'?: (string);
  '_name'?: "name";
  '_email'?: "email";
  '_password'?: "password";
}

export interface UpdateUserRequest__Output {
  'id': (string);
  'name'?: (string);
  'email'?: (string);
  'password'?: (string);
}
