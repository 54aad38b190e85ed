// Original file: protos/user.proto


export interface DeleteUserResponse {
}

export interface DeleteUserResponse__Output {
}
