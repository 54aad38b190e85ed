// Original file: protos/user.proto

import type { User as _user_User, User__Output as _user_User__Output } from '../user/User';

export interface ListUsersResponse {
  'users'?: (_user_User)[];
  'nextPageToken'?: (string);
}

export interface ListUsersResponse__Output {
  'users': (_user_User__Output)[];
  'nextPageToken': (string);
}
