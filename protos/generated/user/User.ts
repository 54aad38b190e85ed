// Original file: protos/user.proto


export interface User {
  'id'?: (string);
  'name'?: (string);
  'email'?: (string);
}

export interface User__Output {
  'id': (string);
  'name': (string);
  'email': (string);
}
