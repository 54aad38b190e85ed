// Original file: protos/user.proto


export interface UpdateUserRequest {
  'id'?: (string);
  'name'?: (string);
  'email'?: (string);
  '_name'?: "name";
  '_email'?: "email";
}

export interface UpdateUserRequest__Output {
  'id': (string);
  'name'?: (string);
  'email'?: (string);
}
