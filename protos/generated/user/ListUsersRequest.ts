// Original file: protos/user.proto


export interface ListUsersRequest {
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListUsersRequest__Output {
  'pageSize': (number);
  'pageToken': (string);
}
