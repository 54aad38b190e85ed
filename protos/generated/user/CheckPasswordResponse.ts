// Original file: protos/user.proto

import type { User as _user_User, User__Output as _user_User__Output } from '../user/User';

export interface CheckPasswordResponse {
  'user'?: (_user_User | null);
  'role'?: (string);
  'sessionKey'?: (string);
}

export interface CheckPasswordResponse__Output {
  'user': (_user_User__Output | null);
  'role': (string);
  'sessionKey': (string);
}
