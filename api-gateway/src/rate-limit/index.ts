// Rate limiting at the gateway (tutorial lesson 12): so many requests per client, then 429
// (limiter.ts). Plugged in by one line of app.ts, before the routes and after auth's identify, which
// says who is asking: a logged-in user has a count of their own. It reads RATE_LIMIT
// (../settings/switches.ts) on every request; off, it counts nothing.
import type { PlugPoints } from '../app';
import type { Switches } from '../settings/switches';
import { rateLimiting } from './limiter';

export function plugRateLimit(plugs: PlugPoints, switches: Switches): void {
  plugs.beforeRoutes.use(['/api', '/graphql'], rateLimiting(switches));
}
