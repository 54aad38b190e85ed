// Original file: protos/user.proto


export interface CheckSessionRequest {
  'userId'?: (string);
  'sessionKey'?: (string);
}

export interface CheckSessionRequest__Output {
  'userId': (string);
  'sessionKey': (string);
}
