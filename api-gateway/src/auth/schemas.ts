// The body of POST /api/auth/login (routes.ts), checked like the diagram's (../conversion/validation.ts).
import { LIMITS } from '@sandbox/protos';
import { compile, FIELDS, objectSchema } from '../conversion/validation';

// at login any string is tried: a wrong one is a 401 like any other wrong password
const loginPassword = { type: 'string', minLength: 1, maxLength: LIMITS.passwordMaxLength } as const;

export const loginBody = compile<{ email: string; password: string }>(
  objectSchema({ email: FIELDS.email, password: loginPassword }, ['email', 'password']),
);
