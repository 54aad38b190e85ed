// Original file: protos/user.proto


export interface CheckPasswordRequest {
  'email'?: (string);
  'password'?: (string);
}

export interface CheckPasswordRequest__Output {
  'email': (string);
  'password': (string);
}
