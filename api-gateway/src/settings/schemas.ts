// The body of PATCH /lab/settings (routes.ts): which switches, as text; switches.ts checks the values.
import { compile, objectSchema } from '../conversion/validation';

export const settingsBody = compile<{ auth?: string; rateLimit?: string; cacheTtlMs?: number; saga?: string }>(
  objectSchema(
    {
      auth: { type: 'string', maxLength: 100 },
      rateLimit: { type: 'string', maxLength: 100 },
      cacheTtlMs: { type: 'integer' },
      saga: { type: 'string', maxLength: 100 },
    },
    [],
    1,
  ),
  // the values' own rules are worded by switches.ts ("RATE_LIMIT must be off or …"); these, the types'
  {
    auth: '"off" or "required"',
    rateLimit: '"off" or a limit such as "5/min"',
    cacheTtlMs: 'a whole number of milliseconds (0: off)',
    saga: '"off" or "on"',
  },
);
