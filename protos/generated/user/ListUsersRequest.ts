// Original file: protos/user.proto


export interface ListUsersRequest {
}

export interface ListUsersRequest__Output {
}
