// The contract's secret fields, by the names @grpc/proto-loader gives them (camelCase). Whoever
// describes a message (the lab's traces and log lines) shows these as "[redacted]", never their
// value. The list lives with the .proto files because whether a field is secret is part of the
// contract: whoever adds a field decides it here, and protos/test/secrets.test.ts fails while a
// field named like a secret (password, token, key…) is in neither this list nor its list of non-secrets.
export const SECRET_FIELDS: readonly string[] = [
  'password', // CreateUser, UpdateUser, CheckPassword: what the user types
  'sessionKey', // CheckPassword's answer, CheckSession: proves a login, as a password does
];
